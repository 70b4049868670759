package org.nnet.ui.quickfix;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.core.resources.IMarker;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolution2;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.nnet.ui.markers.ProblemMarkerUpdater;

/**
 * Quick Fix (Ctrl+1) from anywhere on a marked line: the fixes of the NNet problems on the caret's line.
 * The platform's own processor answers for a problem under the caret; this one adds the problems of the
 * line the caret is not on, so the caret need not be on the underlined word.
 */
public final class NnetQuickAssistProcessor implements IQuickAssistProcessor {

	@Override
	public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
		ISourceViewer viewer = context.getSourceViewer();
		IAnnotationModel annotations = viewer == null ? null : viewer.getAnnotationModel();
		if (annotations == null) {
			return new ICompletionProposal[0];
		}
		IDocument document = viewer.getDocument();
		int offset = context.getOffset();
		List<ICompletionProposal> out = new ArrayList<>();
		try {
			int line = document.getLineOfOffset(offset);
			for (Iterator<Annotation> it = annotations.getAnnotationIterator(); it.hasNext();) {
				if (it.next() instanceof MarkerAnnotation a && isNnetProblem(a.getMarker())) {
					Position p = annotations.getPosition(a);
					if (p != null && !p.isDeleted() && !p.includes(offset) && document.getLineOfOffset(p.getOffset()) == line) {
						for (IMarkerResolution r : IDE.getMarkerHelpRegistry().getResolutions(a.getMarker())) {
							out.add(new ResolutionProposal(r, a.getMarker()));
						}
					}
				}
			}
		} catch (BadLocationException e) {
			// the caret is outside the text: nothing to fix
		}
		return out.toArray(ICompletionProposal[]::new);
	}

	private static boolean isNnetProblem(IMarker marker) {
		try {
			return marker != null && marker.exists() && marker.isSubtypeOf(ProblemMarkerUpdater.MARKER_TYPE);
		} catch (org.eclipse.core.runtime.CoreException e) {
			return false;
		}
	}

	@Override
	public boolean canAssist(IQuickAssistInvocationContext context) {
		return false;
	}

	@Override
	public boolean canFix(Annotation annotation) {
		return annotation instanceof MarkerAnnotation a && isNnetProblem(a.getMarker())
				&& IDE.getMarkerHelpRegistry().hasResolutions(a.getMarker());
	}

	@Override
	public String getErrorMessage() {
		return null;
	}

	/** A marker's fix in the quick-fix list. */
	private record ResolutionProposal(IMarkerResolution resolution, IMarker marker) implements ICompletionProposal {

		@Override
		public void apply(IDocument document) {
			resolution.run(marker);
		}

		@Override
		public Point getSelection(IDocument document) {
			return null;
		}

		@Override
		public String getAdditionalProposalInfo() {
			return resolution instanceof IMarkerResolution2 r ? r.getDescription() : null;
		}

		@Override
		public String getDisplayString() {
			return resolution.getLabel();
		}

		@Override
		public Image getImage() {
			return resolution instanceof IMarkerResolution2 r ? r.getImage() : null;
		}

		@Override
		public IContextInformation getContextInformation() {
			return null;
		}
	}
}
