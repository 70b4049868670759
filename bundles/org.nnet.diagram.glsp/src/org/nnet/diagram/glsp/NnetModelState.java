package org.nnet.diagram.glsp;

import java.util.ArrayList;
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
 * it, the last diagram of a text that parsed, and which groups are expanded. The text is the only state that
 * matters: GLSP's own command stack is not used, commands change the text at once and undo/redo are the
 * text's ({@link NnetText#undo()}), so the text editor and the diagram share one history.
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

	@Override
	public boolean canUndo() {
		return source.canUndo();
	}

	@Override
	public boolean canRedo() {
		return source.canRedo();
	}

	@Override
	public void undo() {
		source.undo();
	}

	@Override
	public void redo() {
		source.redo();
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
