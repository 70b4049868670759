package org.nnet.diagram.glsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.operations.BasicOperationHandler;
import org.eclipse.glsp.server.operations.Operation;
import org.eclipse.glsp.server.utils.MessageActionUtil;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.edit.DiagramEdit;
import org.nnet.diagram.edit.DiagramEditor;
import org.nnet.diagram.edit.EditRefusedException;

import com.google.inject.Inject;

/**
 * Turns a GLSP operation into {@link DiagramEdit}s, has {@link DiagramEditor} make them minimal text edits
 * through Xtext's change serializer, and returns a command that applies them to the text as one undoable
 * change. An edit that cannot be made (the text does not parse, the name is taken, ...) changes nothing and
 * is reported to the user with the reason.
 *
 * @param <O> the operation
 */
public abstract class TextEditHandler<O extends Operation> extends BasicOperationHandler<O> {

	@Inject
	protected NnetModelState nnet;

	@Inject
	protected ActionDispatcher actionDispatcher;

	/** What to tell the user after the edit (that a network used elsewhere changed), or {@code null}. */
	private String note;

	/** The edits that the operation stands for, in order. */
	protected abstract List<DiagramEdit> edits(O operation) throws EditRefusedException;

	@Override
	public Optional<Command> createCommand(O operation) {
		NnetText source = nnet.source();
		note = null;
		try {
			List<DiagramEdit> edits = edits(operation);
			String text = source.text();
			List<DiagramEditor.Result> steps = new ArrayList<>();
			DiagramEditor editor = new DiagramEditor();
			for (DiagramEdit edit : edits) {
				DiagramEditor.Result result = editor.apply(source.uri(), text, edit);
				steps.add(result);
				text = result.text();
			}
			if (note != null) {
				actionDispatcher.dispatch(MessageActionUtil.info(note));
			}
			return Optional.of(new TextCommand(source, steps, getLabel(), pinChange(operation), nnet));
		} catch (EditRefusedException e) {
			refuse(e.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * How the edit changes the pinned positions (a renamed node keeps its pin under its new id, a deleted one
	 * loses it), or {@code null} for no change. Called after {@link #edits(Operation)} accepted the operation.
	 */
	protected UnaryOperator<DiagramPins> pinChange(O operation) throws EditRefusedException {
		return null;
	}

	/** Tells the user why an edit was not made. */
	protected void refuse(String message) {
		actionDispatcher.dispatch(MessageActionUtil.error(message));
	}

	/** The node of an element id (a node's, or one of its labels'), or a refusal saying what to select. */
	protected Node node(String elementId, String what) throws EditRefusedException {
		String id = elementId == null ? null : elementId.contains("#") ? elementId.substring(0, elementId.indexOf('#')) : elementId;
		Node node = nnet.node(id);
		if (node == null) {
			throw new EditRefusedException("Select " + what + " first.");
		}
		return node;
	}

	/**
	 * The network whose definition an edit of that node changes, or a refusal. A node inside a group belongs to
	 * the network the group uses: editing it edits that network (noted for the status line after the edit); when
	 * that network is defined in another file the edit is refused, naming the file.
	 */
	protected String network(Node node) throws EditRefusedException {
		NnetModelState.Shown shown = nnet.shown();
		DiagramModel.Owner owner = shown == null ? null : shown.model().owner(node.id());
		if (owner == null) {
			throw new EditRefusedException("'" + node.name() + "' is part of a composite: edit the network "
					+ "it belongs to (its own diagram) or the text.");
		}
		if (owner.refusal(node.name()) != null) {
			throw new EditRefusedException(owner.refusal(node.name()));
		}
		note = owner.note();
		return owner.network();
	}

	/**
	 * Applies the edits' results to the text when executed (undo is the text's), then changes the pinned
	 * positions if the edit moves them (a move changes only those).
	 */
	static final class TextCommand extends AbstractCommand {
		private final NnetText source;
		private final List<DiagramEditor.Result> steps;
		private final UnaryOperator<DiagramPins> pinChange;
		private final NnetModelState state;

		TextCommand(NnetText source, List<DiagramEditor.Result> steps, String label, UnaryOperator<DiagramPins> pinChange,
				NnetModelState state) {
			super(label);
			this.source = source;
			this.steps = List.copyOf(steps);
			this.pinChange = pinChange;
			this.state = state;
		}

		@Override
		protected boolean prepare() {
			return true;
		}

		@Override
		public void execute() {
			if (!steps.isEmpty()) {
				source.apply(steps);
			}
			if (pinChange != null) {
				DiagramPins before = state.pins();
				DiagramPins after = pinChange.apply(before);
				if (!after.equals(before)) {
					NnetLayout.write(state, after);
					if (steps.isEmpty()) {
						state.pinsChanged(before, after); // a move: undone on its own
					}
				}
			}
		}

		@Override
		public boolean canUndo() {
			return false;
		}

		@Override
		public void redo() {
			execute();
		}
	}
}
