package org.nnet.diagram.glsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.edit.DiagramEditor;

/**
 * The .nnet text a diagram shows and edits: in Eclipse the text editor's document, in tests and on the
 * command line a file. The text is the source of truth; the GLSP server only reads it, and writes to it
 * through {@link #apply(List)} with the minimal edits made by {@link DiagramEditor}. Undo belongs to the
 * text (the editor's undo stack), so a diagram edit is undone like typing.
 */
public interface NnetText {

	/** The file's URI (names the resource; used in messages and for resolving). */
	URI uri();

	/** The current text. */
	String text();

	/** Parses a text of this file (with whatever else its project holds, where the host knows that). */
	XtextResource parse(String text);

	/**
	 * Applies the results of diagram edits, in order (each result's edits are on the text the previous one
	 * made), as one undoable change.
	 */
	void apply(List<DiagramEditor.Result> steps);

	/** Whether the text has changes that are not saved. */
	default boolean isDirty() {
		return false;
	}

	/** Whether {@link #undo()} would do something. */
	boolean canUndo();

	/** Whether {@link #redo()} would do something. */
	boolean canRedo();

	/** Undoes the last change of the text. */
	void undo();

	/** Redoes the last undone change. */
	void redo();

	/** Saves the text where it came from (nothing to do for hosts that save themselves). */
	default void save() {
	}

	/** Shows that range of the text to the user (the diagram selected the node written there). */
	default void reveal(int offset, int length) {
	}

	/**
	 * The side file that keeps the positions of nodes the user moved ({@link DiagramPins}), or {@code null}
	 * when the host keeps no layout (nodes then cannot be moved).
	 */
	default Path layoutFile() {
		return null;
	}

	/** Writes the pins to {@link #layoutFile()} (deleting it when there are none); hosts may refresh their view of files after. */
	default void writeLayout(DiagramPins pins) throws IOException {
		Path file = layoutFile();
		if (file != null) {
			pins.write(file);
		}
	}
}
