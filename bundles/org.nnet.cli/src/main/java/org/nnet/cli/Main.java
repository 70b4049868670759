package org.nnet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code nnet}: the .nnet language, generator and runtime from a terminal. Each sub-command is its own
 * class; exit codes: 0 success, 1 the user's input has errors, 2 the command could not run.
 */
@Command(name = "nnet", mixinStandardHelpOptions = true, version = "nnet 0.1.0",
		description = "Check, generate and train neural networks written in .nnet files.",
		subcommands = { CheckCommand.class, GenerateCommand.class, TrainCommand.class, ExportCommand.class,
				StudioCommand.class, ImportCommand.class })
public final class Main implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(System.out);
	}

	/** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
	public static int run(String... args) {
		CommandLine commandLine = new CommandLine(new Main());
		commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
			cl.getErr().println("nnet: " + e.getMessage() + " (an internal error; please report it)");
			return 2;
		});
		return commandLine.execute(args);
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}
}
