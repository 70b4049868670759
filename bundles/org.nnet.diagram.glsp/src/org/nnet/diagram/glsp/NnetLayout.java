package org.nnet.diagram.glsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.actions.AbstractActionHandler;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.features.core.model.ModelSubmissionHandler;
import org.eclipse.glsp.server.operations.BasicOperationHandler;
import org.eclipse.glsp.server.operations.ChangeBoundsOperation;
import org.eclipse.glsp.server.operations.ChangeRoutingPointsOperation;
import org.eclipse.glsp.server.types.ElementAndBounds;
import org.eclipse.glsp.server.utils.MessageActionUtil;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramPins;

import com.google.inject.Inject;

/**
 * Moving nodes by hand: a moved node is pinned where it was dropped, in the side file of
 * {@link NnetText#layoutFile()} ({@link DiagramPins}); the .nnet text is never touched. "Reset layout" deletes
 * the pins, and ELK places everything again.
 */
public final class NnetLayout {

	private static final Logger LOG = LogManager.getLogger(NnetLayout.class);

	private NnetLayout() {
	}

	/** Clears every pin of the diagram; sent by the client (the page's "Reset layout"). */
	public static class ResetLayoutAction extends Action {
		/** The kind of this action. */
		public static final String KIND = "nnetResetLayout";

		/** The action. */
		public ResetLayoutAction() {
			super(KIND);
		}
	}

	/** Writes pins for the session's text; a failure is told to the user and leaves the diagram as ELK has it. */
	static void write(NnetModelState state, DiagramPins pins) {
		try {
			state.source().writeLayout(pins);
		} catch (IOException | RuntimeException e) {
			Path file = state.source().layoutFile();
			LOG.warn("cannot write " + file, e);
			state.dispatchLater(MessageActionUtil.error(file + ": the diagram's layout cannot be written: " + e.getMessage()));
		}
	}

	/** Nodes dragged to a new place (one or several at once): each is pinned at its new position. */
	public static class MoveHandler extends BasicOperationHandler<ChangeBoundsOperation> {
		@Inject
		private NnetModelState nnet;

		@Inject
		private ActionDispatcher actionDispatcher;

		@Override
		public Optional<Command> createCommand(ChangeBoundsOperation operation) {
			if (nnet.source().layoutFile() == null) {
				actionDispatcher.dispatch(MessageActionUtil.warn("Nodes cannot be moved here: this diagram keeps no layout file."));
				return Optional.of(move(null)); // the model is sent again: the nodes go back
			}
			NnetModelState.Shown shown = nnet.shown();
			DiagramPins pins = nnet.pins();
			if (shown != null && operation.getNewBounds() != null) {
				for (ElementAndBounds b : operation.getNewBounds()) {
					Node node = shown.model().node(b.getElementId());
					if (node != null && b.getNewPosition() != null) {
						pins = pins.with(node.id(), new Point(b.getNewPosition().getX(), b.getNewPosition().getY()));
					}
				}
				pins = pins.retain(ids(shown.model()));
			}
			DiagramPins moved = pins;
			return Optional.of(move(p -> moved));
		}

		private Command move(UnaryOperator<DiagramPins> pinChange) {
			return new TextEditHandler.TextCommand(nnet.source(), List.of(), "Move", pinChange, nnet);
		}

		private static Set<String> ids(DiagramModel model) {
			return model.graphs().stream().flatMap(g -> g.allNodes().stream()).map(Node::id).collect(Collectors.toSet());
		}
	}

	/**
	 * Edge routes changed by the client (it sends them with a move, for the edges of the moved nodes): nothing
	 * to keep, the server routes the edges of moved nodes itself.
	 */
	public static class RoutingPointsHandler extends BasicOperationHandler<ChangeRoutingPointsOperation> {
		@Override
		public Optional<Command> createCommand(ChangeRoutingPointsOperation operation) {
			return Optional.empty();
		}
	}

	/** Deletes the side file and sends the diagram as ELK lays it out. */
	public static class ResetLayoutHandler extends AbstractActionHandler<ResetLayoutAction> {
		@Inject
		private ModelSubmissionHandler submission;

		@Inject
		private NnetModelState state;

		@Override
		protected List<Action> executeAction(ResetLayoutAction action) {
			if (state.source().layoutFile() != null) {
				DiagramPins before = state.pins();
				write(state, DiagramPins.NONE);
				if (!before.pinned().isEmpty()) {
					state.pinsChanged(before, DiagramPins.NONE);
				}
			}
			return state.getRoot() == null ? none() : submission.submitModel();
		}
	}
}
