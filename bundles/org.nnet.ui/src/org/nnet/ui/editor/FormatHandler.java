package org.nnet.ui.editor;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRewriteTarget;
import org.eclipse.text.edits.MalformedTreeException;
import org.eclipse.text.edits.MultiTextEdit;
import org.eclipse.text.edits.ReplaceEdit;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;
import org.nnet.lang.ide.RefusedException;
import org.nnet.lang.ide.TextEdit;
import org.nnet.lang.ide.format.NnetDocumentFormatter;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;

/**
 * Source ▸ Format (Ctrl+Shift+F) in a .nnet editor: formats the whole document with the language's
 * formatter as one undoable change; a document with a syntax error is left as it is and the status
 * line says why.
 */
public class FormatHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		IEditorPart part = HandlerUtil.getActiveEditor(event);
		if (part instanceof ITextEditor editor && NnetEditors.fileOf(editor) != null) {
			format(editor);
		}
		return null;
	}

	/** Formats the editor's document; returns the message shown when it was refused, else {@code null}. */
	public static String format(ITextEditor editor) {
		IDocument document = NnetEditors.document(editor);
		List<TextEdit> edits;
		try {
			edits = NnetLanguage.injector().getInstance(NnetDocumentFormatter.class)
					.format(ProjectSources.withText(null, document.get()).resource(null));
		} catch (RefusedException e) {
			NnetEditors.status(editor, e.getMessage(), true);
			return e.getMessage();
		}
		if (edits.isEmpty()) {
			NnetEditors.status(editor, "Already formatted.", false);
			return null;
		}
		MultiTextEdit all = new MultiTextEdit();
		for (TextEdit e : edits) {
			all.addChild(new ReplaceEdit(e.offset(), e.length(), e.text()));
		}
		IRewriteTarget target = editor.getAdapter(IRewriteTarget.class);
		if (target != null) {
			target.beginCompoundChange();
		}
		try {
			all.apply(document);
		} catch (MalformedTreeException | BadLocationException e) {
			throw new IllegalStateException("the formatter's edits do not fit the document", e);
		} finally {
			if (target != null) {
				target.endCompoundChange();
			}
		}
		NnetEditors.status(editor, "Formatted: " + edits.size() + " change" + (edits.size() == 1 ? "" : "s") + ".", false);
		return null;
	}
}
