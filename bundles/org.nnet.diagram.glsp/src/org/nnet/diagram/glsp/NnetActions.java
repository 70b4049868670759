package org.nnet.diagram.glsp;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.glsp.server.actions.AbstractActionHandler;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.SelectAction;
import org.eclipse.glsp.server.features.core.model.ModelSubmissionHandler;
import org.nnet.diagram.DiagramModel.Node;

import com.google.inject.Inject;

/** The NNet diagram's own actions and the handlers of those and of selection. */
public final class NnetActions {

	private NnetActions() {
	}

	/** The text changed outside the diagram (typing): rebuild the diagram. Sent by the host, not the client. */
	public static class RefreshAction extends Action {
		/** The kind of this action. */
		public static final String KIND = "nnetRefresh";

		/** The action. */
		public RefreshAction() {
			super(KIND);
		}
	}

	/** Shows or hides the layers of a network used as a step (a group); sent by the client. */
	public static class ToggleGroupAction extends Action {
		/** The kind of this action. */
		public static final String KIND = "nnetToggleGroup";
		private String elementId;

		/** An empty action (for JSON). */
		public ToggleGroupAction() {
			super(KIND);
		}

		/** Toggles that group. */
		public ToggleGroupAction(String elementId) {
			this();
			this.elementId = elementId;
		}

		/** The group's id. */
		public String getElementId() {
			return elementId;
		}
	}

	/** Shows or hides the layers of every network used as a step; sent by the host's tool bar. */
	public static class ExpandAllAction extends Action {
		/** The kind of this action. */
		public static final String KIND = "nnetExpandAll";
		private boolean expand;

		/** An empty action (for JSON). */
		public ExpandAllAction() {
			super(KIND);
		}

		/** Expands ({@code true}) or collapses every group. */
		public ExpandAllAction(boolean expand) {
			this();
			this.expand = expand;
		}

		/** Whether every group is expanded (else collapsed). */
		public boolean isExpand() {
			return expand;
		}
	}

	/** The caret moved in the text: select the innermost node written there. Sent by the host. */
	public static class RevealOffsetAction extends Action {
		/** The kind of this action. */
		public static final String KIND = "nnetRevealOffset";
		private int offset;

		/** An empty action. */
		public RevealOffsetAction() {
			super(KIND);
		}

		/** Selects the node at that offset of the text. */
		public RevealOffsetAction(int offset) {
			this();
			this.offset = offset;
		}

		/** The offset in the text. */
		public int getOffset() {
			return offset;
		}
	}

	/** Rebuilds and sends the diagram. */
	public static class RefreshHandler extends AbstractActionHandler<RefreshAction> {
		@Inject
		private ModelSubmissionHandler submission;

		@Inject
		private NnetModelState state;

		@Override
		protected List<Action> executeAction(RefreshAction action) {
			return state.getRoot() == null ? none() : submission.submitModel();
		}
	}

	/** Expands or collapses a group and sends the new diagram. */
	public static class ToggleGroupHandler extends AbstractActionHandler<ToggleGroupAction> {
		@Inject
		private ModelSubmissionHandler submission;

		@Inject
		private NnetModelState state;

		@Override
		protected List<Action> executeAction(ToggleGroupAction action) {
			Node node = state.node(action.getElementId());
			if (node == null || !node.isGroup()) {
				return none();
			}
			if (!state.expanded().remove(node.id())) {
				state.expanded().add(node.id());
			}
			return submission.submitModel();
		}
	}

	/** Expands or collapses every group and sends the new diagram. */
	public static class ExpandAllHandler extends AbstractActionHandler<ExpandAllAction> {
		@Inject
		private ModelSubmissionHandler submission;

		@Inject
		private NnetModelState state;

		@Override
		protected List<Action> executeAction(ExpandAllAction action) {
			NnetModelState.Shown shown = state.shown();
			if (shown == null) {
				return none();
			}
			if (action.isExpand()) {
				shown.model().graphs().forEach(g -> g.allNodes().stream().filter(Node::isGroup).forEach(n -> state.expanded().add(n.id())));
			} else {
				state.expanded().clear();
			}
			return submission.submitModel();
		}
	}

	/** Selects the node whose text holds an offset (innermost first). */
	public static class RevealOffsetHandler extends AbstractActionHandler<RevealOffsetAction> {
		@Inject
		private NnetModelState state;

		@Override
		protected List<Action> executeAction(RevealOffsetAction action) {
			String id = nodeAt(state.shown(), action.getOffset());
			return id == null ? none() : listOf(SelectAction.setSelection(List.of(id)));
		}
	}

	/** The id of the innermost node whose text range holds the offset, or {@code null}. */
	static String nodeAt(NnetModelState.Shown shown, int offset) {
		if (shown == null) {
			return null;
		}
		return shown.ranges().entrySet().stream()
				.filter(e -> e.getValue()[0] <= offset && offset <= e.getValue()[0] + e.getValue()[1])
				.min(Comparator.comparingInt(e -> e.getValue()[1])).map(Map.Entry::getKey).orElse(null);
	}

	/** Keeps track of the page's selection; a node selected in the page has its text shown (selected) in the host. */
	public static class SelectionHandler extends AbstractActionHandler<SelectAction> {
		@Inject
		private NnetModelState state;

		@Override
		protected List<Action> executeAction(SelectAction action) {
			state.select(action.getSelectedElementsIDs(), action.getDeselectedElementsIDs(), action.isDeselectAll());
			if (!action.isReceivedFromClient() || action.getSelectedElementsIDs() == null
					|| action.getSelectedElementsIDs().size() != 1) {
				return none();
			}
			NnetModelState.Shown shown = state.shown();
			int[] range = shown == null ? null : shown.ranges().get(action.getSelectedElementsIDs().get(0));
			if (range != null) {
				state.source().reveal(range[0], range[1]);
			}
			return none();
		}
	}
}
