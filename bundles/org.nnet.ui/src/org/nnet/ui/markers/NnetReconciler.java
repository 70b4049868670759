package org.nnet.ui.markers;

import org.eclipse.jface.text.reconciler.MonoReconciler;

/**
 * The .nnet editor's reconciler: {@link NnetReconcilingStrategy} checks the whole text after every change,
 * whatever partition it touches. (A strategy contributed alone is run by a partition-aware reconciler for
 * the changed partitions only: deleting the last characters of the file, as an undo back to the saved text
 * often does, reached no partition, so the markers of the undone text stayed until the next keystroke.)
 */
public final class NnetReconciler extends MonoReconciler {

	/** The delay after the last change before the text is checked, in milliseconds. */
	static final int DELAY = 500;

	public NnetReconciler() {
		super(new NnetReconcilingStrategy(), false);
		setDelay(DELAY);
	}
}
