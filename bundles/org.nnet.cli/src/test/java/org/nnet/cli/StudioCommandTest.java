package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code studio} is listed with the other commands; without the nnet script it says how to start the IDE. */
class StudioCommandTest {

	@Test
	void helpListsStudioBesideTheOtherCommands() {
		Cli.Result result = Cli.run("--help");
		assertEquals(0, result.exit());
		assertTrue(result.out().matches("(?s).*\\n  export .*\\n  studio +Start NNet Studio.*"), result.out());
	}

	@Test
	void studioHelpNamesTheWorkspaceArgument() {
		Cli.Result result = Cli.run("studio", "--help");
		assertEquals(0, result.exit());
		assertTrue(result.out().contains("Usage: nnet studio [-hV] [WORKSPACE]"), result.out());
		assertTrue(result.out().contains("$NNET_WORKSPACE"), result.out());
	}

	@Test
	void withoutTheScriptItSaysHowToStartTheIde() {
		Cli.Result result = Cli.run("studio", "ws");
		assertEquals(2, result.exit());
		assertEquals("nnet studio: NNet Studio is started by the nnet script of a checkout: ./nnet studio ws", result.err().strip());
	}

	@Test
	void moreThanOneWorkspaceIsRefused() {
		Cli.Result result = Cli.run("studio", "a", "b");
		assertEquals(2, result.exit());
		assertTrue(result.err().contains("Unmatched argument"), result.err());
	}
}
