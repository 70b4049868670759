package org.nnet.ui.navigation;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.lang.ide.navigation.NnetNavigation;
import org.nnet.model.Symbol;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.editor.NnetEditors;

/**
 * Find References (Ctrl+Shift+G, the Generic Editor's command) on a name in a .nnet editor: every
 * reference to the declaration in the project's .nnet files (where its names resolve), as editors and
 * the disk have them, listed in the NNet References view.
 */
public class FindReferencesHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		IEditorPart part = HandlerUtil.getActiveEditor(event);
		if (!(part instanceof ITextEditor editor) || NnetEditors.fileOf(editor) == null) {
			return null;
		}
		try {
			find(editor);
		} catch (PartInitException e) {
			throw new ExecutionException("cannot show the NNet References view", e);
		}
		return null;
	}

	/** Finds the references of the name at the caret and shows them; returns the view (null when refused). */
	public static ReferencesView find(ITextEditor editor) throws PartInitException {
		IFile file = NnetEditors.fileOf(editor);
		ProjectSources sources = ProjectSources.withText(file, NnetEditors.document(editor).get());
		XtextResource resource = sources.resource(file);
		NnetNavigation navigation = NnetLanguage.injector().getInstance(NnetNavigation.class);
		Symbol target = navigation.declarationAt(resource, NnetEditors.caret(editor));
		if (target == null) {
			NnetEditors.status(editor, "Find References: put the cursor on a declared name or a reference to one.", true);
			return null;
		}
		List<ReferencesView.Match> matches = new ArrayList<>();
		for (NnetNavigation.Location l : navigation.references(target, sources.resources().values())) {
			IFile where = ProjectSources.fileFor(l.uri());
			if (where != null) {
				matches.add(new ReferencesView.Match(where, l.offset(), l.length(), l.line(), lineText(where, l.line())));
			}
		}
		ReferencesView view = (ReferencesView) editor.getSite().getPage().showView(ReferencesView.ID);
		view.show(target.getName(), matches);
		return view;
	}

	private static String lineText(IFile file, int line) {
		try {
			IDocument document = new org.eclipse.jface.text.Document(ProjectSources.textOf(file));
			var region = document.getLineInformation(line - 1);
			return document.get(region.getOffset(), region.getLength());
		} catch (BadLocationException | RuntimeException e) {
			return "";
		}
	}
}
