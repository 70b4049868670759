package org.nnet.ui.launch;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a generated program with the JDK's compiler (javax.tools) against the runtime's classpath. */
final class ProgramCompilation {

	private ProgramCompilation() {
	}

	/** @return null on success, else the compiler's messages */
	static String compile(List<Path> sources, Path classes, List<Path> classpath) throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			return "This IDE runs on a Java without a compiler (javax.tools): start it with a JDK, not a JRE.";
		}
		Files.createDirectories(classes);
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
			String cp = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
			List<String> options = List.of("-d", classes.toString(), "-classpath", cp, "--release", "21", "-proc:none", "-nowarn");
			StringWriter out = new StringWriter();
			if (compiler.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call()) {
				return null;
			}
			StringBuilder b = new StringBuilder(out.toString());
			diagnostics.getDiagnostics().forEach(d -> b.append(d).append('\n'));
			return b.toString();
		}
	}
}
