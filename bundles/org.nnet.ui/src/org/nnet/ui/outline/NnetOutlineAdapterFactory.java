package org.nnet.ui.outline;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.nnet.ui.editor.NnetEditors;

/**
 * Gives a text editor on a .nnet file (the Generic Editor, which has no outline of its own) an
 * {@link IContentOutlinePage}: the Outline view asks the active editor for one through
 * {@code getAdapter}, which ends in the platform's adapter manager and so here.
 */
public class NnetOutlineAdapterFactory implements IAdapterFactory {

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		if (adapterType == IContentOutlinePage.class && adaptable instanceof ITextEditor editor
				&& NnetEditors.fileOf((IEditorPart) editor) != null) {
			return adapterType.cast(new NnetOutlinePage(editor));
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { IContentOutlinePage.class };
	}
}
