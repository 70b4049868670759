package org.nnet.diagram.glsp;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.model.DefaultGModelState;
import org.nnet.diagram.DiagramLayout;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.DiagramModel.Edge;
import org.nnet.diagram.DiagramModel.Node;

import com.google.inject.Inject;

/**
 * What one diagram session knows: the text it shows, the {@link DiagramModel} and ELK layout last made from
 * it, the last diagram of a text that parsed, which groups are expanded, and the positions the user pinned.
 * The text is the state that matters: GLSP's own command stack is not used, commands change the text at once
 * and undo/redo are the text's ({@link NnetText#undo()}), so the text editor and the diagram share one
 * history; moves (which change only the layout side file) are undone in turn with it.
 */
public class NnetModelState extends DefaultGModelState {

	/**
	 * What the diagram on screen was made from.
	 *
	 * @param text   the text
	 * @param model  its diagram (the last good one, with a banner, when the text does not parse)
	 * @param layout the ELK layout of the model (without the banner)
	 * @param ranges the text range (offset, length) of every node, by id; those of the last good text when
	 *               the text does not parse
	 */
	public record Shown(String text, DiagramModel model, DiagramLayout.Result layout, Map<String, int[]> ranges) {
	}

	@Inject
	private NnetText source;

	@Inject
	private com.google.inject.Provider<org.eclipse.glsp.server.actions.ActionDispatcher> dispatcher;

	private final Set<String> expanded = new LinkedHashSet<>();
	private volatile List<String> selection = List.of();
	private volatile Shown shown;
	private volatile Shown lastGood;
	private volatile DiagramPins pins = DiagramPins.NONE;
	private final Deque<PinStep> pinUndo = new ArrayDeque<>();
	private final Deque<PinStep> pinRedo = new ArrayDeque<>();
	private volatile String pinsWarning;

	/** The text this session shows and edits. */
	public NnetText source() {
		return source;
	}

	/** The ids of the expanded groups (a live set). */
	public Set<String> expanded() {
		return expanded;
	}

	/** The ids of the elements selected in the page (by the user or for the text's caret), in order. */
	public List<String> selection() {
		return selection;
	}

	/** Records what the page selects now. */
	public synchronized void select(List<String> selected, List<String> deselected, boolean deselectAll) {
		List<String> now = new ArrayList<>(deselectAll ? List.of() : selection);
		if (deselected != null) {
			now.removeAll(deselected);
		}
		if (selected != null) {
			for (String id : selected) {
				if (!now.contains(id)) {
					now.add(id);
				}
			}
		}
		selection = List.copyOf(now);
	}

	/** The last diagram built, or {@code null} before the first. */
	public Shown shown() {
		return shown;
	}

	/** The diagram of the last text that parsed, or {@code null}. */
	public Shown lastGood() {
		return lastGood;
	}

	void setShown(Shown now, boolean parses) {
		shown = now;
		if (parses) {
			lastGood = now;
		}
	}

	/**
	 * Reads the positions the user pinned ({@link NnetText#layoutFile()}); a side file that cannot be used is
	 * reported once (the warning is returned when it is new, else {@code null}) and counts as no pins.
	 */
	String readPins() {
		java.nio.file.Path file = source.layoutFile();
		String[] warning = new String[1];
		pins = file == null ? DiagramPins.NONE : DiagramPins.read(file, w -> warning[0] = w);
		boolean isNew = warning[0] != null && !warning[0].equals(pinsWarning);
		pinsWarning = warning[0];
		return isNew ? warning[0] : null;
	}

	/** Sends an action to the client after the one being handled (a message about the layout file). */
	void dispatchLater(org.eclipse.glsp.server.actions.Action action) {
		dispatcher.get().dispatch(action);
	}

	/** The pins the diagram on screen was laid out with. */
	public DiagramPins pins() {
		return pins;
	}

	/**
	 * A change of the pinned positions alone (a move, Reset layout), undoable while the text is what it was then.
	 *
	 * @param text   the text when the pins changed
	 * @param before the pins before
	 * @param after  the pins after
	 */
	private record PinStep(String text, DiagramPins before, DiagramPins after) {
	}

	/** Records a change of the pins alone, made on the current text, for undo. */
	synchronized void pinsChanged(DiagramPins before, DiagramPins after) {
		pinUndo.push(new PinStep(source.text(), before, after));
		pinRedo.clear();
	}

	/** The pin step that undo (or redo) would revert now: the last one, if the text is still what it was then. */
	private PinStep current(Deque<PinStep> steps) {
		PinStep top = steps.peek();
		return top != null && top.text().equals(source.text()) ? top : null;
	}

	/** The node with that id in what is shown, or {@code null}. */
	public Node node(String id) {
		Shown s = shown;
		return s == null ? null : s.model().node(id);
	}

	/** The edge with that id in what is shown, or {@code null}. */
	public Edge edge(String id) {
		Shown s = shown;
		return s == null ? null : s.model().edge(id);
	}

	/** Runs a command at once: its undo is the text's, not GLSP's stack. */
	@Override
	public void execute(Command command) {
		command.execute();
	}

	/*
	 * Undo and redo: moves and Reset layout change only the side file; they are undone in turn with the text's
	 * changes, newest first. A pin step is the newest while the text is what it was when the step was made (a text
	 * change after it comes first, and undoing that change brings the step back in turn); text typed since that
	 * is not undone leaves the step behind for good.
	 */

	@Override
	public synchronized boolean canUndo() {
		return current(pinUndo) != null || source.canUndo();
	}

	@Override
	public synchronized boolean canRedo() {
		return current(pinRedo) != null || source.canRedo();
	}

	@Override
	public synchronized void undo() {
		if (!revertPins(pinUndo, pinRedo, true)) {
			source.undo();
		}
	}

	@Override
	public synchronized void redo() {
		if (!revertPins(pinRedo, pinUndo, false)) {
			source.redo();
		}
	}

	/**
	 * Undoes ({@code back}) or redoes the newest pin step of {@code from}, if it is the newest change (see
	 * {@link #current(Deque)}), and keeps it on {@code to}; whether it did.
	 */
	private boolean revertPins(Deque<PinStep> from, Deque<PinStep> to, boolean back) {
		PinStep step = current(from);
		if (step == null) {
			return false;
		}
		from.pop();
		NnetLayout.write(this, back ? step.before() : step.after());
		to.push(step);
		return true;
	}

	@Override
	public boolean isDirty() {
		return source.isDirty();
	}

	@Override
	public void saveIsDone() {
		// the host keeps track of saving
	}
}
