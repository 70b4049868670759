package org.nnet.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nnet studio [WORKSPACE]}: listed here so that help shows it beside the other commands; the IDE itself
 * is an Eclipse product that the {@code nnet} script of a checkout builds and starts (a JVM of its own), so
 * reaching this class means the command line was run without that script.
 */
@Command(name = "studio", mixinStandardHelpOptions = true,
		description = { "Start NNet Studio, the Eclipse IDE with the .nnet editor, the Training and Diagram views and the NNet wizards. "
				+ "A workspace without projects gets the example project nnet-examples (a copy of examples/). "
				+ "Needs a display; the nnet script builds the IDE from its checkout first when needed." })
public final class StudioCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "WORKSPACE",
			description = "the workspace folder (default: $NNET_WORKSPACE, else ~/nnet-workspace)")
	String workspace;

	@Override
	public Integer call() {
		spec.commandLine().getErr().println("nnet studio: NNet Studio is started by the nnet script of a checkout: ./nnet studio"
				+ (workspace == null ? "" : " " + workspace));
		return 2;
	}
}
