package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnet train} killed in the middle of an epoch and continued with {@code --resume}: the run ends with the
 * requested number of epochs, each once in metrics.jsonl with all its batches, and one checkpoint per epoch,
 * none lost or duplicated. The first {@code nnet train} is a separate process (killed with SIGKILL, together
 * with the training JVM it started), trained on a small CSV file the test writes; it also gets JVM options
 * with {@code --jvm-opt}, which must reach the training JVM. Skipped with {@code -Dnnet.train.tests=false}.
 */
@DisabledIfSystemProperty(named = "nnet.train.tests", matches = "false")
class TrainResumeTest {
	// an epoch must outlast the training JVM noticing that its parent was killed (a few hundred ms on the compiled step)
	private static final int ROWS = 5000;
	private static final int EPOCHS = 3;

	@TempDir
	Path dir;

	private Path writeTraining() throws IOException {
		Random r = new Random(5);
		StringBuilder csv = new StringBuilder("a,b,c,d,cls\n");
		for (int i = 0; i < ROWS; i++) {
			int cls = r.nextInt(3);
			csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%d%n", cls + r.nextGaussian(), r.nextGaussian(), -cls + r.nextGaussian(),
					r.nextGaussian(), cls));
		}
		Files.writeString(dir.resolve("points.csv"), csv);
		Path nnet = dir.resolve("points.nnet");
		Files.writeString(nnet, """
				package t

				network Net {
				    input x: [4]
				    x -> dense(16, activation: relu) -> dense(3, activation: softmax) as out
				    output out
				}

				training T {
				    model: Net
				    data: csv("points.csv", label: "cls")
				    optimizer: sgd(lr: 0.05)
				    batch: 1
				    epochs: %d
				    seed: 2
				}
				""".formatted(EPOCHS));
		return nnet;
	}

	@Test
	void aRunKilledMidEpochResumesToTheRequestedEpochsWithEveryCheckpointOnce() throws Exception {
		Path nnet = writeTraining();
		Path runs = dir.resolve("runs");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "org.nnet.cli.Main", "train", nnet.toString(), "--runs", runs.toString(),
				"--jvm-opt=-XX:+PrintCommandLineFlags", "--jvm-opt=-Xmx300m"));
		Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile()).start();
		Path run;
		try {
			run = awaitRunFolder(runs, cli);
			// the first checkpoint, then a batch of epoch 2: kill in the middle of the second epoch
			await(() -> Files.exists(run.resolve("checkpoints/epoch-0001.zip")), cli, "the first checkpoint");
			await(() -> records(run).stream().anyMatch(m -> !m.epochRecord() && m.epoch() == 2), cli, "a batch of epoch 2");
		} finally {
			// kill -9 of nnet train alone: the training JVM must notice and exit by itself (issue 11, item 2)
			List<ProcessHandle> training = cli.descendants().toList();
			cli.destroyForcibly();
			assertTrue(cli.waitFor(1, TimeUnit.MINUTES));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (training.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			boolean orphans = training.stream().anyMatch(ProcessHandle::isAlive);
			training.forEach(ProcessHandle::destroyForcibly);
			assertFalse(orphans, "the training JVM outlived the nnet train that started it");
		}
		assertEquals(List.of("epoch-0001.zip"), checkpoints(run), "killed during epoch 2");
		assertTrue(Files.readString(run.resolve("train.log")).contains("-XX:MaxHeapSize=314572800"),
				"--jvm-opt reaches the training JVM: " + Files.readString(run.resolve("train.log")));

		Cli.Result r = Cli.run("train", "--resume", run.toString());
		assertEquals(0, r.exit(), r.out() + r.err());
		assertTrue(Files.readString(run.resolve("train.log")).contains("-XX:MaxHeapSize=314572800"),
				"the resumed run appends to train.log, keeping the first part");
		assertEquals(List.of("epoch-0001.zip", "epoch-0002.zip", "epoch-0003.zip"), checkpoints(run));
		List<MetricsLine> all = records(run);
		assertEquals(List.of(1, 2, 3), all.stream().filter(MetricsLine::epochRecord).map(MetricsLine::epoch).toList(),
				"every epoch once");
		for (int epoch = 1; epoch <= EPOCHS; epoch++) {
			int e = epoch;
			List<Integer> batches = all.stream().filter(m -> !m.epochRecord() && m.epoch() == e).map(MetricsLine::batch).toList();
			assertEquals(ROWS, batches.size(), "epoch " + epoch + " has each of its batches once");
			assertEquals(ROWS, batches.stream().distinct().count(), "epoch " + epoch + " repeats no batch");
		}
	}

	@Test
	void aJvmOptionTheJvmRejectsStopsTheRunWithTheJvmsMessage() throws IOException {
		Path nnet = writeTraining();
		Cli.Result r = Cli.run("train", nnet.toString(), "--runs", dir.resolve("runs").toString(), "--jvm-opt=-XX:+NoSuchNnetOption");
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("NoSuchNnetOption"), r.err());
	}

	private interface Condition {
		boolean holds() throws IOException;
	}

	private void await(Condition c, Process cli, String what) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (!c.holds()) {
			if (!cli.isAlive() || System.nanoTime() > deadline) {
				throw new AssertionError("nnet train " + (cli.isAlive() ? "took too long" : "ended") + " before " + what + ":\n"
						+ Files.readString(dir.resolve("cli.log")));
			}
			Thread.sleep(20);
		}
	}

	private Path awaitRunFolder(Path runs, Process cli) throws Exception {
		Path training = runs.resolve("T");
		await(() -> Files.isDirectory(training) && list(training).size() == 1, cli, "the run folder");
		return list(training).get(0);
	}

	private static List<Path> list(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.toList();
		}
	}

	private static List<String> checkpoints(Path run) throws IOException {
		try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static List<MetricsLine> records(Path run) throws IOException {
		Path f = run.resolve("metrics.jsonl");
		return Files.exists(f) ? MetricsLine.read(f) : List.of();
	}
}
