package org.nnet.diagram.glsp;

import org.eclipse.glsp.server.actions.SaveModelAction;
import org.eclipse.glsp.server.features.core.model.RequestModelAction;
import org.eclipse.glsp.server.features.core.model.SourceModelStorage;

import com.google.inject.Inject;

/**
 * The source model is the .nnet text the session was opened on ({@link NnetText}); loading has nothing to
 * read (the factory parses the current text each time) and saving is the host's.
 */
public class NnetSourceModelStorage implements SourceModelStorage {

	@Inject
	private NnetModelState state;

	@Override
	public void loadSourceModel(RequestModelAction action) {
		state.expanded().clear();
	}

	@Override
	public void saveSourceModel(SaveModelAction action) {
		state.source().save();
	}
}
