package org.nnet.diagram.glsp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.edit.DiagramEditor;
import org.nnet.diagram.edit.DiagramLanguage;

/**
 * A .nnet file as the text of a diagram outside Eclipse: diagram edits are written to the file at once,
 * with an undo/redo history of whole texts.
 */
public final class FileText implements NnetText {

	private final Path file;
	private final Deque<String> undo = new ArrayDeque<>();
	private final Deque<String> redo = new ArrayDeque<>();
	private final Consumer<int[]> revealed;
	private String text;

	/**
	 * A file's text.
	 *
	 * @param file     the file (read now)
	 * @param revealed told the range (offset, length) of a node selected in the diagram; may be {@code null}
	 */
	public FileText(Path file, Consumer<int[]> revealed) {
		this.file = file;
		this.revealed = revealed;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public URI uri() {
		return URI.createFileURI(file.toAbsolutePath().toString());
	}

	@Override
	public synchronized String text() {
		return text;
	}

	@Override
	public XtextResource parse(String content) {
		XtextResourceSet set = DiagramLanguage.injector().getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(uri());
		try {
			resource.load(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), set.getLoadOptions());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return resource;
	}

	@Override
	public synchronized void apply(List<DiagramEditor.Result> steps) {
		if (steps.isEmpty()) {
			return;
		}
		undo.push(text);
		redo.clear();
		write(steps.get(steps.size() - 1).text());
	}

	@Override
	public synchronized boolean canUndo() {
		return !undo.isEmpty();
	}

	@Override
	public synchronized boolean canRedo() {
		return !redo.isEmpty();
	}

	@Override
	public synchronized void undo() {
		if (!undo.isEmpty()) {
			redo.push(text);
			write(undo.pop());
		}
	}

	@Override
	public synchronized void redo() {
		if (!redo.isEmpty()) {
			undo.push(text);
			write(redo.pop());
		}
	}

	/** Replaces the whole text (as typing elsewhere would) and writes it; call the connection's textChanged after. */
	public synchronized void set(String newText) {
		undo.push(text);
		redo.clear();
		write(newText);
	}

	@Override
	public Path layoutFile() {
		return DiagramPins.fileOf(file);
	}

	@Override
	public void reveal(int offset, int length) {
		if (revealed != null) {
			revealed.accept(new int[] { offset, length });
		}
	}

	private void write(String newText) {
		text = newText;
		try {
			Files.writeString(file, newText, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
