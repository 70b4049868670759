package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.model.Training;

/**
 * Every training of {@code examples/} runs from {@code nnet train} on a few hundred samples for one short epoch, and
 * its loss goes down; the run folder holds what a user is promised. A training added to the examples is picked up
 * without a change here. Skipped with {@code -Dnnet.train.tests=false}.
 */
@DisabledIfSystemProperty(named = "nnet.train.tests", matches = "false")
class ExamplesTrainTest {
	/** Samples per training and the batch: 12 batches of 32, enough steps to see the loss fall, small enough for CI. */
	private static final int TAKE = 384;
	private static final int BATCH = 32;

	@TempDir
	Path dir;

	@Test
	void everyExampleTrainingTrainsAndItsLossGoesDown() throws IOException {
		List<String> failures = new ArrayList<>();
		int n = 0;
		for (Path file : Examples.files()) {
			for (Training t : GeneratorTest.trainings(file)) {
				n++;
				// the char LSTM unrolls 100 steps of 256 units: fewer samples keep it within a CI budget
				int take = t.getName().equals("TrainCharLstm") ? 192 : TAKE;
				int batch = t.getName().equals("TrainCharLstm") ? 16 : BATCH;
				try {
					Path run = train(file, t.getName(), take, batch);
					assertRunFolder(run);
					assertLossWentDown(run, t.getName().equals("TrainGan") ? "d_loss" : "loss");
				} catch (AssertionError e) {
					failures.add(file.getFileName() + " " + t.getName() + ": " + e.getMessage());
				}
			}
		}
		assertTrue(n >= 7, "every example training: " + n);
		assertTrue(failures.isEmpty(), String.join("\n", failures));
	}

	@Test
	void aNetworkWithEveryLayerTrains() throws IOException {
		Path file = dir.resolve("all.nnet");
		Files.writeString(file, GeneratorTest.EVERY_LAYER);
		for (String training : new String[] { "TrainImages", "TrainSequences", "TrainSequencesRms" }) {
			Path run = train(file, training, 128, 16);
			assertRunFolder(run);
			List<MetricsLine> batches = batches(run);
			// TrainImages's data holds 100 samples (take: 100 in the file): 7 batches; the others 128 of 64 x 0.75 or 64: 3-4
			assertTrue(batches.size() >= 3, training + ": " + batches.size() + " batches");
			assertTrue(batches.stream().allMatch(b -> Double.isFinite(b.get("loss"))), training + ": " + batches);
		}
	}

	private Path train(Path file, String training, int take, int batch) throws IOException {
		Path runs = dir.resolve("runs-" + training);
		Cli.Result r = Cli.run("train", file.toString(), "--training", training, "--runs", runs.toString(), "--take",
				Integer.toString(take), "--batch", Integer.toString(batch), "--epochs", "1");
		assertEquals(0, r.exit(), () -> training + ":\n" + r.out() + r.err());
		assertFalse(r.out().contains("\r"), "no carriage-return redraws off a terminal");
		assertTrue(r.out().contains("epoch 1/1:"), r.out());
		try (Stream<Path> s = Files.list(runs); Stream<Path> t = Files.list(s.findFirst().orElseThrow())) {
			return t.findFirst().orElseThrow();
		}
	}

	static List<MetricsLine> batches(Path run) throws IOException {
		return MetricsLine.read(run.resolve("metrics.jsonl")).stream().filter(m -> !m.epochRecord()).toList();
	}

	/**
	 * The mean loss of the first third of the batches against the mean of the last third. One batch's loss depends on
	 * which 32 samples it holds, so first-vs-last single batches can invert by chance; a third (4 batches) averages
	 * that noise out, while a dozen optimizer steps from a random start lower the loss well beyond it. For the GAN the
	 * discriminator's loss is the one that must fall: the generator's non-saturating loss rises while the discriminator
	 * learns, which is what a GAN's first steps look like.
	 */
	static void assertLossWentDown(Path run, String key) throws IOException {
		List<MetricsLine> batches = batches(run);
		assertTrue(batches.size() >= 6, "at least 6 batches: " + batches.size());
		int k = batches.size() / 3;
		double first = batches.subList(0, k).stream().mapToDouble(b -> b.get(key)).average().orElseThrow();
		double last = batches.subList(batches.size() - k, batches.size()).stream().mapToDouble(b -> b.get(key)).average().orElseThrow();
		assertTrue(last < first, key + " " + first + " -> " + last);
	}

	static void assertRunFolder(Path run) throws IOException {
		for (String f : new String[] { "metrics.jsonl", "curves.png", "checkpoints/epoch-0001.zip", "src", "program.properties" }) {
			assertTrue(Files.exists(run.resolve(f)), run + " lacks " + f);
		}
		try (Stream<Path> s = Files.list(run)) {
			assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith(".samediff")), run + " has no trained model file");
		}
		try (Stream<Path> s = Files.walk(run.resolve("src"))) {
			assertTrue(s.anyMatch(p -> p.toString().endsWith(".java")), run + " has no program source");
		}
	}
}
