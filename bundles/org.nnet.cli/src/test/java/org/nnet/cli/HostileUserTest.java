package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.runtime.train.RunLock;

/**
 * Issue 11, items 6 and 7 as {@code nnet} shows them: every failure is one line naming the file, exit code
 * 1, no stack trace, no user file replaced without {@code --force}, nothing half-written, and no control
 * character of a file name reaches the terminal. None of these runs a training JVM.
 */
class HostileUserTest {
	@TempDir
	Path dir;

	private static void assertOneLine(Cli.Result r, String expected) {
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains(expected), r.err());
		assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
		assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("null"), r.err());
	}

	/** A run folder as nnet train leaves it before its first checkpoint. */
	private Path runFolder(String program) throws IOException {
		Path run = Files.createDirectories(dir.resolve("runs/T/20260101-000000"));
		Files.createDirectories(run.resolve("classes"));
		Files.writeString(run.resolve(TrainCommand.PROGRAM_FILE), program);
		Files.writeString(run.resolve("metrics.jsonl"), "{\"type\":\"batch\",\"epoch\":1,\"batch\":1,\"loss\":0.5}\n");
		return run;
	}

	@Test
	void anEmptyProgramPropertiesIsOneLine() throws IOException {
		Path run = runFolder("");
		assertOneLine(Cli.run("train", "--resume", run.toString()), "program.properties is empty or damaged");
		Path bad = runFolder("training=T\nmainClass=t.TrainT\nepochs=three\n");
		assertOneLine(Cli.run("train", "--resume", bad.toString()), "is damaged (epochs, take or batch is not a whole number");
	}

	@Test
	void resumingWithoutACheckpointIsRefusedAndTheMetricsAreKept() throws IOException {
		Path run = runFolder("training=T\nmainClass=t.TrainT\n");
		String before = Files.readString(run.resolve("metrics.jsonl"));
		assertOneLine(Cli.run("train", "--resume", run.toString()), "has no checkpoint to resume from");
		assertEquals(before, Files.readString(run.resolve("metrics.jsonl")));
	}

	@Test
	void resumingARunFolderStillBeingTrainedIsRefused() throws IOException {
		Path run = runFolder("training=T\nmainClass=t.TrainT\n");
		Files.createDirectories(run.resolve("checkpoints"));
		Files.writeString(run.resolve("checkpoints/epoch-0001.zip"), "");
		try (RunLock held = RunLock.acquire(run)) {
			assertOneLine(Cli.run("train", "--resume", run.toString()), "another training is still writing to " + run);
		}
	}

	@Test
	void generateDoesNotReplaceAnExistingReadmeOrPomWithoutForce() throws IOException {
		Path project = Files.createDirectories(dir.resolve("project"));
		Files.writeString(project.resolve("README.md"), "my notes");
		String example = Examples.folder().resolve("mnist/mlp.nnet").toString();
		assertOneLine(Cli.run("generate", example, "-o", project.toString()), "already has README.md: give --force");
		assertEquals("my notes", Files.readString(project.resolve("README.md")));
		assertFalse(Files.exists(project.resolve("pom.xml")), "nothing written when refused");
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "no temporary folder left beside the project");
		}
		Cli.Result forced = Cli.run("generate", example, "-o", project.toString(), "--force");
		assertEquals(0, forced.exit(), forced.err());
		assertTrue(Files.readString(project.resolve("README.md")).contains("run.sh"));
		assertTrue(Files.isExecutable(project.resolve("run.sh")));
	}

	@Test
	void exportToTheRootFolderIsOneLine() {
		String example = Examples.folder().resolve("mnist/mlp.nnet").toString();
		assertOneLine(Cli.run("export", "--diagram", example, "-o", "/"), "/ is a folder: name the file to write");
	}

	@Test
	void aRunFolderThatCannotBeWrittenIsOneLineAndLeavesNothing() throws IOException {
		Path nnet = pointsTraining("points.csv");
		Files.writeString(dir.resolve("points.csv"), "a,b,cls\n1,2,0\n2,1,1\n");
		Path runs = Files.writeString(dir.resolve("runs-is-a-file"), "");
		assertOneLine(Cli.run("train", nnet.toString(), "--runs", runs.toString()), "nnet train: cannot write the run folder");
		assertEquals("", Files.readString(runs));
	}

	@Test
	void controlCharactersOfAFileNameDoNotReachTheTerminal() throws IOException {
		Path nnet = pointsTraining("\u001b]0;owned\u0007\u001b[2J\u009bpoints.csv");
		Cli.Result r = Cli.run("train", nnet.toString(), "--runs", dir.resolve("runs").toString());
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("\"]0;owned[2Jpoints.csv\" was not found"), r.err());
		assertTrue((r.out() + r.err()).chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c >= 0x7f && c <= 0x9f),
				r.err());
	}

	private Path pointsTraining(String csv) throws IOException {
		return Files.writeString(dir.resolve("points.nnet"), """
				package t

				network Net {
				    input x: [2]
				    x -> dense(2, activation: softmax) as out
				    output out
				}

				training T {
				    model: Net
				    data: csv("%s", label: "cls")
				    optimizer: sgd(lr: 0.05)
				    epochs: 1
				}
				""".formatted(csv));
	}
}
