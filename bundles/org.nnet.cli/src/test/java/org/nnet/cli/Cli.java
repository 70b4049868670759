package org.nnet.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main#run} in this JVM and captures what it prints. */
final class Cli {

	/** What one command line did: its exit code and its standard output and error. */
	record Result(int exit, String out, String err) {
	}

	private Cli() {
	}

	/** Runs {@code nnet args...}; standard output and error are captured (picocli and the commands read them when created). */
	static synchronized Result run(String... args) {
		PrintStream oldOut = System.out;
		PrintStream oldErr = System.err;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			System.setOut(o);
			System.setErr(e);
			exit = Main.run(args);
		} finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
		return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}
}
