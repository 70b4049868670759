package org.nnet.ui.quickfix;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IMarkerResolution2;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.model.LayerStep;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.markers.ProblemMarkerUpdater;

/**
 * A quick fix of an NNet problem marker: it re-reads the file's current text, finds the model
 * object the marker is on, and edits the document (never rewriting text it does not change).
 */
abstract class NnetResolution implements IMarkerResolution2 {

	@Override
	public final void run(IMarker marker) {
		if (!(marker.getResource() instanceof IFile file)) {
			return;
		}
		int offset = marker.getAttribute(IMarker.CHAR_START, -1);
		String[] data = ProblemMarkerUpdater.data(marker);
		try {
			FileDocument.edit(file, (document, parsed) -> apply(document, parsed, offset, data));
		} catch (CoreException | BadLocationException | RuntimeException e) {
			ILog.of(getClass()).error("Could not apply the quick fix '" + getLabel() + "' to " + file.getFullPath(), e);
		}
	}

	/** Changes the document; {@code offset} is where the marker starts, {@code data} the data. */
	abstract void apply(IDocument document, XtextResource parsed, int offset, String[] data) throws BadLocationException;

	@Override
	public Image getImage() {
		return null;
	}

	/** Inserts text right before the layer step the marker is on. */
	static void insertBeforeStep(IDocument document, XtextResource parsed, int offset, String text)
			throws BadLocationException {
		EObjectAtOffsetHelper helper = NnetLanguage.injector().getInstance(EObjectAtOffsetHelper.class);
		LayerStep step = EcoreUtil2.getContainerOfType(helper.resolveContainedElementAt(parsed, offset), LayerStep.class);
		int at = step == null ? offset : NodeModelUtils.findActualNodeFor(step).getOffset();
		document.replace(at, 0, text);
	}
}
