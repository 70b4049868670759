package org.nnet.diagram.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The example files of the repository's {@code examples/} folder (the build passes its location). */
public final class Examples {

	private Examples() {
	}

	/** The examples folder. */
	public static Path folder() {
		String configured = System.getProperty("nnet.examples");
		Path folder = configured != null ? Paths.get(configured) : Paths.get("../../examples");
		return folder.toAbsolutePath().normalize();
	}

	/** Every .nnet file under the examples folder, sorted. */
	public static List<Path> files() {
		try (Stream<Path> walk = Files.walk(folder())) {
			return walk.filter(p -> p.toString().endsWith(".nnet")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A file's text. */
	public static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
