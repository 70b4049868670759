package org.nnet.ui.editor;

import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposalExtension2;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.link.LinkedModeModel;
import org.eclipse.jface.text.link.LinkedModeUI;
import org.eclipse.jface.text.link.LinkedPosition;
import org.eclipse.jface.text.link.LinkedPositionGroup;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;

/**
 * A proposal that inserts a call with places to fill, {@code dropout(rate: ▮)}: the caret goes to the first
 * place, Tab moves to the next, and Enter (or Tab after the last) leaves after the closing parenthesis
 * (Eclipse's linked mode, as Java method proposals do). Places are offsets in the inserted text.
 */
final class CallProposal implements ICompletionProposal, ICompletionProposalExtension2 {

	private final String text;
	private final int start;
	private final int prefixLength;
	private final List<Integer> places;
	private final int exit;
	private final String shown;
	private final String documentation;
	private Point selection;

	CallProposal(String text, int start, int prefixLength, List<Integer> places, int exit, String shown, String documentation) {
		this.text = text;
		this.start = start;
		this.prefixLength = prefixLength;
		this.places = places;
		this.exit = exit;
		this.shown = shown;
		this.documentation = documentation;
	}

	@Override
	public void apply(ITextViewer viewer, char trigger, int stateMask, int offset) {
		IDocument document = viewer.getDocument();
		try {
			document.replace(start, Math.max(prefixLength, offset - start), text);
			selection = new Point(start + (places.isEmpty() ? exit : places.get(0)), 0);
			if (places.isEmpty()) {
				return;
			}
			LinkedModeModel model = new LinkedModeModel();
			for (int i = 0; i < places.size(); i++) {
				LinkedPositionGroup group = new LinkedPositionGroup();
				group.addPosition(new LinkedPosition(document, start + places.get(i), 0, i));
				model.addGroup(group);
			}
			model.forceInstall();
			LinkedModeUI ui = new LinkedModeUI(model, viewer);
			ui.setExitPosition(viewer, start + exit, 0, Integer.MAX_VALUE);
			ui.setCyclingMode(LinkedModeUI.CYCLE_NEVER);
			ui.enter();
			selection = new Point(start + places.get(0), 0);
		} catch (BadLocationException e) {
			// the document changed under the popup: nothing is inserted
		}
	}

	@Override
	public void apply(IDocument document) {
		try {
			document.replace(start, prefixLength, text);
			selection = new Point(start + (places.isEmpty() ? exit : places.get(0)), 0);
		} catch (BadLocationException e) {
			// the document changed under the popup: nothing is inserted
		}
	}

	@Override
	public Point getSelection(IDocument document) {
		return selection;
	}

	@Override
	public boolean validate(IDocument document, int offset, DocumentEvent event) {
		try {
			String typed = document.get(start, offset - start);
			return offset >= start && text.regionMatches(true, 0, typed, 0, typed.length());
		} catch (BadLocationException e) {
			return false;
		}
	}

	@Override
	public void selected(ITextViewer viewer, boolean smartToggle) {
		// no preview
	}

	@Override
	public void unselected(ITextViewer viewer) {
		// no preview
	}

	@Override
	public String getAdditionalProposalInfo() {
		return documentation;
	}

	@Override
	public String getDisplayString() {
		return shown;
	}

	@Override
	public Image getImage() {
		return null;
	}

	@Override
	public IContextInformation getContextInformation() {
		return null;
	}
}
