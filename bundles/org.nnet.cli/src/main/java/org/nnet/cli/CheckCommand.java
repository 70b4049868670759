package org.nnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nnet check [--json] FILE...}: every network's shapes and parameter counts, and every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
		description = "Parse and validate .nnet files; print each network's shapes and parameter counts and every error as file:line:column.")
public final class CheckCommand implements Callable<Integer> {

	@Option(names = "--json", description = "Print one JSON document (models and diagnostics) instead of text.")
	boolean json;

	@Parameters(arity = "1..*", paramLabel = "FILE", description = ".nnet files to check")
	List<Path> files;

	PrintStream out = System.out;

	@Override
	public Integer call() {
		NnetWorkspace workspace = new NnetWorkspace().load(files);
		CheckReport report = CheckReport.of(workspace);
		if (json) {
			out.println(report.toJson());
		} else {
			report.printText(out);
		}
		return workspace.hasErrors() ? 1 : 0;
	}
}
