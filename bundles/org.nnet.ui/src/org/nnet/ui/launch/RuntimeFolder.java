package org.nnet.ui.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.resources.ResourcesPlugin;
import org.nnet.ui.preferences.NnetPreferences;
import org.osgi.framework.FrameworkUtil;

/**
 * Where the NNet runtime's jars are (ND4J is not an OSGi bundle: trainings run on a plain classpath):
 * the preference "Runtime folder", the system property {@code nnet.runtime.home}, the environment
 * variable {@code NNET_RUNTIME_HOME}, or {@code bundles/org.nnet.runtime/target} of the development
 * checkout this IDE or its workspace lives in. A runtime folder holds {@code org.nnet.runtime-*.jar}
 * and {@code lib/}.
 */
public final class RuntimeFolder {

	/** The runtime cannot be found; the message says where it looked and what to do. */
	public static final class MissingRuntimeException extends Exception {
		private static final long serialVersionUID = 1L;

		MissingRuntimeException(String message) {
			super(message);
		}
	}

	private RuntimeFolder() {
	}

	/** The runtime jar followed by its libraries. */
	public static List<Path> classpath() throws MissingRuntimeException {
		Set<Path> candidates = new LinkedHashSet<>();
		String pref = NnetPreferences.get(NnetPreferences.RUNTIME_FOLDER);
		if (pref != null && !pref.isBlank()) {
			candidates.add(Path.of(pref));
		}
		String prop = System.getProperty("nnet.runtime.home");
		if (prop != null && !prop.isBlank()) {
			candidates.add(Path.of(prop));
		}
		String env = System.getenv("NNET_RUNTIME_HOME");
		if (env != null && !env.isBlank()) {
			candidates.add(Path.of(env));
		}
		for (Path start : startingPoints()) {
			for (Path p = start; p != null; p = p.getParent()) {
				Path t = p.resolve("bundles").resolve("org.nnet.runtime").resolve("target");
				if (Files.isDirectory(t)) {
					candidates.add(t);
					break;
				}
			}
		}
		for (Path dir : candidates) {
			List<Path> cp = entries(dir);
			if (cp != null) {
				return cp;
			}
		}
		throw new MissingRuntimeException("The NNet runtime was not found (looked in "
				+ (candidates.isEmpty() ? "no folder: this IDE is not inside a checkout" : candidates.toString())
				+ " for org.nnet.runtime-*.jar and lib/). Build it with ./mvnw -DskipTests package in the checkout, "
				+ "or set Window > Preferences > NNet > Runtime folder to a folder holding both.");
	}

	private static List<Path> startingPoints() {
		List<Path> out = new ArrayList<>();
		try {
			FileLocator.getBundleFileLocation(FrameworkUtil.getBundle(RuntimeFolder.class)).ifPresent(f -> out.add(f.toPath().toAbsolutePath()));
		} catch (RuntimeException e) {
			// not in OSGi
		}
		try {
			out.add(Path.of(Platform.getInstallLocation().getURL().toURI()));
		} catch (Exception e) {
			// no install location
		}
		try {
			out.add(ResourcesPlugin.getWorkspace().getRoot().getLocation().toPath());
		} catch (RuntimeException e) {
			// no workspace
		}
		out.add(Path.of("").toAbsolutePath());
		return out;
	}

	private static List<Path> entries(Path dir) {
		Path lib = dir.resolve("lib");
		if (!Files.isDirectory(dir) || !Files.isDirectory(lib)) {
			return null;
		}
		try (Stream<Path> files = Files.list(dir); Stream<Path> libs = Files.list(lib)) {
			Path jar = files.filter(f -> {
				String n = f.getFileName().toString();
				return n.startsWith("org.nnet.runtime") && n.endsWith(".jar") && !n.contains("sources") && !n.contains("tests");
			}).findFirst().orElse(null);
			if (jar == null) {
				return null;
			}
			List<Path> cp = new ArrayList<>();
			cp.add(jar);
			libs.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(cp::add);
			return cp;
		} catch (IOException e) {
			return null;
		}
	}
}
