package org.nnet.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the NNet runtime and its dependencies (ND4J and its natives) are: {@code org.nnet.runtime/target}
 * beside this command line's bundle folder, as the build leaves them ({@code org.nnet.runtime-*.jar} and
 * {@code lib/}), or the folder named by the system property {@code nnet.runtime.home} or the environment
 * variable {@code NNET_RUNTIME_HOME}.
 */
final class RuntimeClasspath {

	/** The runtime's files cannot be found; the message says where it looked and how to build them. */
	static final class MissingRuntimeException extends Exception {
		private static final long serialVersionUID = 1L;

		MissingRuntimeException(String message) {
			super(message);
		}
	}

	private final Path jar;
	private final List<Path> libraries;

	private RuntimeClasspath(Path jar, List<Path> libraries) {
		this.jar = jar;
		this.libraries = libraries;
	}

	/** Finds the runtime. */
	static RuntimeClasspath locate() throws MissingRuntimeException {
		List<Path> candidates = new ArrayList<>();
		String prop = System.getProperty("nnet.runtime.home");
		String env = System.getenv("NNET_RUNTIME_HOME");
		if (prop != null && !prop.isBlank()) {
			candidates.add(Path.of(prop));
		} else if (env != null && !env.isBlank()) {
			candidates.add(Path.of(env));
		} else {
			Path here = codeLocation();
			// bundles/org.nnet.cli/target/org.nnet.cli.jar (or target/classes) -> bundles/org.nnet.runtime/target
			for (Path p = here; p != null; p = p.getParent()) {
				if (p.getFileName() != null && p.getFileName().toString().equals("org.nnet.cli")) {
					candidates.add(p.resolveSibling("org.nnet.runtime").resolve("target"));
					break;
				}
			}
		}
		for (Path dir : candidates) {
			Path lib = dir.resolve("lib");
			Path jar = runtimeJar(dir);
			if (jar != null && Files.isDirectory(lib)) {
				try (Stream<Path> s = Files.list(lib)) {
					return new RuntimeClasspath(jar, s.filter(f -> f.toString().endsWith(".jar")).sorted().toList());
				} catch (IOException e) {
					throw new MissingRuntimeException("cannot list " + lib + ": " + e.getMessage());
				}
			}
		}
		throw new MissingRuntimeException("the NNet runtime was not found (looked in "
				+ (candidates.isEmpty() ? "no folder" : candidates.get(0)) + " for org.nnet.runtime-*.jar and lib/): build it with "
				+ "./mvnw -DskipTests package at the top of the checkout, or set NNET_RUNTIME_HOME to a folder holding both");
	}

	private static Path runtimeJar(Path dir) {
		if (!Files.isDirectory(dir)) {
			return null;
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(f -> {
				String n = f.getFileName().toString();
				return n.startsWith("org.nnet.runtime") && n.endsWith(".jar") && !n.contains("sources") && !n.contains("tests");
			}).findFirst().orElse(null);
		} catch (IOException e) {
			return null;
		}
	}

	private static Path codeLocation() {
		try {
			return Path.of(RuntimeClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
		} catch (URISyntaxException | RuntimeException e) {
			return Path.of("").toAbsolutePath();
		}
	}

	/** The runtime jar (it carries its pom, which generated projects need). */
	Path jar() {
		return jar;
	}

	/** The runtime jar followed by its dependencies. */
	List<Path> entries() {
		List<Path> all = new ArrayList<>();
		all.add(jar);
		all.addAll(libraries);
		return all;
	}

	/**
	 * The command line of a child JVM on this runtime: {@code java -Xmx4g -Djava.awt.headless=true} with the native
	 * access flags of this JDK, then {@code extraOptions} (so a later -Xmx wins), then {@code -cp classes:runtime}.
	 */
	List<String> javaCommand(Path classes, List<String> extraOptions) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx4g");
		command.add("-Djava.awt.headless=true");
		if (Runtime.version().feature() >= 22) {
			command.add("--enable-native-access=ALL-UNNAMED");
		}
		if (Runtime.version().feature() >= 23) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.addAll(extraOptions);
		command.add("-cp");
		List<Path> cp = new ArrayList<>();
		cp.add(classes.toAbsolutePath());
		cp.addAll(entries());
		command.add(cp.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
		return command;
	}

	/** Sets the environment of a child JVM on this runtime: one OpenMP thread that sleeps when idle (BUILD-NOTES, ND4J). */
	static void oneThread(ProcessBuilder pb) {
		threads(pb, 1);
	}

	/** Sets the threads of a child JVM's native kernels (OpenMP, OpenBLAS), which sleep when idle. */
	static void threads(ProcessBuilder pb, int threads) {
		pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
		pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
		pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
	}
}
