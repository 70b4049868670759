package org.nnet.ui.editor;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.Token;

/**
 * Syntax colouring of .nnet files in the Generic Editor: code (keywords, layers, built-ins,
 * declared names, numbers), strings, comments and doc comments, over the .nnet partitioning.
 */
public class NnetPresentationReconciler extends PresentationReconciler {

	/** Creates the reconciler with one damager-repairer per partition type. */
	public NnetPresentationReconciler() {
		setDocumentPartitioning(NnetPartitions.PARTITIONING);
		set(IDocument.DEFAULT_CONTENT_TYPE, new NnetCodeScanner());
		set(NnetPartitions.DOC_COMMENT, uniform(NnetColors.DOC_COMMENT));
		set(NnetPartitions.COMMENT, uniform(NnetColors.COMMENT));
		set(NnetPartitions.LINE_COMMENT, uniform(NnetColors.COMMENT));
		set(NnetPartitions.STRING, uniform(NnetColors.STRING));
	}

	@Override
	public void install(ITextViewer viewer) {
		// the document may come from a buffer created before this bundle was active
		if (viewer.getDocument() != null) {
			NnetPartitions.install(viewer.getDocument());
		}
		viewer.addTextInputListener(new org.eclipse.jface.text.ITextInputListener() {
			@Override
			public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
				if (newInput != null) {
					NnetPartitions.install(newInput);
				}
			}

			@Override
			public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
			}
		});
		super.install(viewer);
	}

	private void set(String partitionType, RuleBasedScanner scanner) {
		DefaultDamagerRepairer dr = new DefaultDamagerRepairer(scanner);
		setDamager(dr, partitionType);
		setRepairer(dr, partitionType);
	}

	private static RuleBasedScanner uniform(NnetColors color) {
		RuleBasedScanner scanner = new RuleBasedScanner();
		scanner.setDefaultReturnToken(new Token(color.attribute()));
		return scanner;
	}
}
