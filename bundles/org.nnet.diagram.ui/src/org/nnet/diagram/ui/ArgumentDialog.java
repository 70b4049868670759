package org.nnet.diagram.ui;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.diagram.DiagramModel.Node;

/** The properties of a layer: choose one of its kind's arguments and give it a value (empty removes it). */
final class ArgumentDialog extends Dialog {

	private final Node node;
	private final CatalogEntry entry;
	private Combo names;
	private Text valueText;
	private String argumentName;
	private String value;

	ArgumentDialog(Shell parent, Node node) {
		super(parent);
		this.node = node;
		this.entry = Catalog.layers().stream().filter(e -> e.name().equals(node.kind())).findFirst().orElse(null);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Properties of " + node.name());
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		((GridLayout) area.getLayout()).numColumns = 2;
		Label now = new Label(area, SWT.NONE);
		now.setText(node.kindLine() + "  →  " + node.shape());
		now.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		new Label(area, SWT.NONE).setText("Argument:");
		names = new Combo(area, SWT.READ_ONLY);
		if (entry != null) {
			for (ArgSpec a : entry.args()) {
				names.add(a.main() ? a.name() + " (main)" : a.name());
				names.setData(a.name() + (a.main() ? " (main)" : ""), a);
			}
		}
		if (names.getItemCount() > 0) {
			names.select(0);
		}
		names.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		new Label(area, SWT.NONE).setText("Value:");
		valueText = new Text(area, SWT.BORDER);
		valueText.setMessage("a .nnet value, e.g. 5, (3, 3), relu; empty removes the argument");
		GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
		wide.widthHint = 320;
		valueText.setLayoutData(wide);
		Label doc = new Label(area, SWT.WRAP);
		doc.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		Runnable describe = () -> {
			ArgSpec a = selected();
			doc.setText(a == null ? "" : a.signature() + ": " + a.doc());
			area.layout(true);
		};
		names.addListener(SWT.Selection, e -> describe.run());
		describe.run();
		return area;
	}

	private ArgSpec selected() {
		int i = names.getSelectionIndex();
		return i < 0 ? null : (ArgSpec) names.getData(names.getItem(i));
	}

	@Override
	protected void okPressed() {
		ArgSpec a = selected();
		if (a == null) {
			return;
		}
		argumentName = a.main() ? null : a.name();
		value = valueText.getText().isBlank() ? null : valueText.getText().trim();
		super.okPressed();
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "Set", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
	}

	/** The argument's name, {@code null} for the main one. */
	String argumentName() {
		return argumentName;
	}

	/** The value, {@code null} to remove the argument. */
	String value() {
		return value;
	}
}
