package org.nnet.ui.preferences;

import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** Window → Preferences → NNet: data cache folder, default JVM options, threads, runtime folder. */
public final class NnetPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	/** A page on the workspace's NNet preferences. */
	public NnetPreferencePage() {
		super(GRID);
		setPreferenceStore(NnetPreferences.store());
		setDescription("Settings of trainings run from the IDE (a launch configuration may override them).");
	}

	@Override
	protected void createFieldEditors() {
		addField(new DirectoryFieldEditor(NnetPreferences.DATA_CACHE, "&Data cache folder (empty: ~/.cache/nnet/datasets):",
				getFieldEditorParent()));
		addField(new StringFieldEditor(NnetPreferences.JVM_OPTIONS, "Default &JVM options:", getFieldEditorParent()));
		IntegerFieldEditor threads = new IntegerFieldEditor(NnetPreferences.THREADS, "&Threads (OMP_NUM_THREADS):",
				getFieldEditorParent());
		threads.setValidRange(1, 256);
		addField(threads);
		addField(new DirectoryFieldEditor(NnetPreferences.RUNTIME_FOLDER,
				"&Runtime folder (org.nnet.runtime-*.jar and lib/; empty: from the checkout):", getFieldEditorParent()));
	}

	@Override
	public void init(IWorkbench workbench) {
		// the store is set in the constructor
	}
}
