package org.nnet.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated programs in this process with the JDK's compiler (javax.tools). */
final class ProgramCompiler {

	private ProgramCompiler() {
	}

	/**
	 * Compiles Java files into a folder.
	 *
	 * @return null on success, else the compiler's messages
	 */
	static String compile(List<Path> sources, Path classes, List<Path> classpath) throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			return "this Java has no compiler (javax.tools): run nnet with a JDK, not a JRE";
		}
		Files.createDirectories(classes);
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, java.nio.charset.StandardCharsets.UTF_8)) {
			String cp = classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
			List<String> options = List.of("-d", classes.toString(), "-classpath", cp, "--release", "21", "-proc:none", "-nowarn");
			StringWriter out = new StringWriter();
			boolean ok = compiler.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
			if (ok) {
				return null;
			}
			StringBuilder b = new StringBuilder(out.toString());
			diagnostics.getDiagnostics().forEach(d -> b.append(d).append('\n'));
			return b.toString();
		}
	}
}
