package org.nnet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files that exist whole or not at all: each is written to a temporary file beside it and moved into
 * place, and the temporary file is removed when writing fails (a full disk, a read-only folder), so no
 * 0-byte or cut-off file is left where a user or {@code --resume} would take it for a result.
 */
final class AtomicFiles {

	private AtomicFiles() {
	}

	/** Writes {@code text} to {@code file} whole or not at all. */
	static void writeString(Path file, String text) throws IOException {
		write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
	}

	/** Writes a file through {@code writer}, which gets a temporary path beside it, then moves it into place. */
	static void write(Path file, Writer writer) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		// the same extension as the file: some writers (XChart) add theirs to a name without it
		Path tmp = dir.resolve(".tmp-" + file.getFileName());
		try {
			writer.write(tmp);
			move(tmp, file);
		} finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** Moves {@code from} onto {@code to}, atomically where the file system can. */
	static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Deletes a folder and everything in it, as far as it can (best effort: used to clean up after a failure). */
	static void deleteTree(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		} catch (IOException | RuntimeException e) {
			// what is left is named in the message of the failure that led here
		}
	}

	/** The regular files under {@code dir}, relative to it. */
	static List<Path> files(Path dir) throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			return all.filter(Files::isRegularFile).map(dir::relativize).toList();
		}
	}

	/** Writes to a temporary file. */
	interface Writer {
		void write(Path tmp) throws IOException;
	}
}
