package org.nnet.ui.editor;

import org.eclipse.core.filebuffers.IDocumentSetupParticipant;
import org.eclipse.jface.text.IDocument;

/** Gives every .nnet document its partitioner when its file buffer is created. */
public class NnetDocumentSetup implements IDocumentSetupParticipant {

	@Override
	public void setup(IDocument document) {
		NnetPartitions.install(document);
	}
}
