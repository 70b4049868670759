package org.nnet.ui.refactoring;

import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.CompositeChange;
import org.eclipse.ltk.core.refactoring.PerformChangeOperation;
import org.eclipse.ltk.core.refactoring.RefactoringCore;
import org.eclipse.ltk.core.refactoring.TextFileChange;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.text.edits.MultiTextEdit;
import org.eclipse.text.edits.ReplaceEdit;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.statushandlers.StatusManager;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.lang.ide.RefusedException;
import org.nnet.lang.ide.TextEdit;
import org.nnet.lang.ide.navigation.NnetNavigation;
import org.nnet.lang.ide.rename.NnetRename;
import org.nnet.model.Symbol;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.editor.NnetEditors;

/**
 * Rename (Alt+Shift+R) on a declared name, or a reference to one, in a .nnet editor: asks for the new
 * name (checked as it is typed: a valid name, no keyword or built-in, no clash), then renames the
 * declaration and every reference in the project's .nnet files through the language's change
 * serializer. The edits are one workspace refactoring (Edit ▸ Undo undoes it in every file); open
 * editors get the edits in their documents, closed files are written.
 */
public class RenameHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		IEditorPart part = HandlerUtil.getActiveEditor(event);
		if (!(part instanceof ITextEditor editor) || NnetEditors.fileOf(editor) == null) {
			return null;
		}
		Shell shell = HandlerUtil.getActiveShell(event);
		Target target = target(editor);
		if (target == null) {
			MessageDialog.openInformation(shell, "Rename", "Put the cursor on a declared name or a reference to one.");
			return null;
		}
		InputDialog dialog = new InputDialog(shell, "Rename", "New name for '" + target.symbol().getName() + "':",
				target.symbol().getName(), text -> target.rename().checkName(target.symbol(), text));
		if (dialog.open() != Window.OK) {
			return null;
		}
		try {
			rename(editor, dialog.getValue());
		} catch (RefusedException e) {
			MessageDialog.openError(shell, "Rename", e.getMessage());
		} catch (CoreException e) {
			StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
		}
		return null;
	}

	private record Target(Symbol symbol, NnetRename rename, ProjectSources sources) {
	}

	private static Target target(ITextEditor editor) {
		IFile file = NnetEditors.fileOf(editor);
		ProjectSources sources = ProjectSources.withText(file, NnetEditors.document(editor).get());
		XtextResource resource = sources.resource(file);
		Symbol symbol = NnetLanguage.injector().getInstance(NnetNavigation.class).declarationAt(resource,
				NnetEditors.caret(editor));
		return symbol == null ? null : new Target(symbol, NnetLanguage.injector().getInstance(NnetRename.class), sources);
	}

	/**
	 * Renames the name at the editor's caret to {@code newName} in every .nnet file of the project, as
	 * one undoable refactoring; returns the change that undoes it.
	 */
	public static Change rename(ITextEditor editor, String newName) throws RefusedException, CoreException {
		Target target = target(editor);
		if (target == null) {
			throw new RefusedException("Put the cursor on a declared name or a reference to one.");
		}
		String oldName = target.symbol().getName();
		Map<URI, List<TextEdit>> edits = target.rename().rename(target.symbol(), newName);
		CompositeChange change = new CompositeChange("Rename '" + oldName + "' to '" + newName + "'");
		for (Map.Entry<URI, List<TextEdit>> e : edits.entrySet()) {
			IFile file = ProjectSources.fileFor(e.getKey());
			if (file == null) {
				throw new RefusedException("'" + oldName + "' is used in " + e.getKey().lastSegment()
						+ ", which is not a workspace file: nothing was renamed.");
			}
			MultiTextEdit all = new MultiTextEdit();
			for (TextEdit t : e.getValue()) {
				all.addChild(new ReplaceEdit(t.offset(), t.length(), t.text()));
			}
			TextFileChange fileChange = new TextFileChange(file.getName(), file);
			fileChange.setEdit(all);
			fileChange.setSaveMode(TextFileChange.KEEP_SAVE_STATE);
			change.add(fileChange);
		}
		LayoutRenameChange layout = LayoutRenameChange.of(ProjectSources.fileFor(target.symbol().eResource().getURI()),
				target.symbol(), oldName, newName);
		if (layout != null) {
			change.add(layout);
		}
		NullProgressMonitor monitor = new NullProgressMonitor();
		change.initializeValidationData(monitor);
		PerformChangeOperation operation = new PerformChangeOperation(change);
		operation.setUndoManager(RefactoringCore.getUndoManager(), change.getName());
		ResourcesPlugin.getWorkspace().run(operation, monitor);
		if (operation.getValidationStatus() != null && operation.getValidationStatus().getSeverity() >= IStatus.ERROR) {
			throw new RefusedException(operation.getValidationStatus().getMessageMatchingSeverity(IStatus.ERROR));
		}
		return operation.getUndoChange();
	}
}
