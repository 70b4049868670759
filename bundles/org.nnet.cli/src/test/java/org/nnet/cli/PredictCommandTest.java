package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code nnet predict} on runs made here: a tiny CSV classifier (4 features, 3 named classes), a small char-LSTM on
 * 256 windows of Moby-Dick, and the MLP example on 256 MNIST samples for one epoch. Skipped with {@code -Dnnet.train.tests=false}.
 */
@DisabledIfSystemProperty(named = "nnet.train.tests", matches = "false")
class PredictCommandTest {

	@TempDir
	static Path dir;

	private static Path csvRun;
	private static Path mlpRun;

	private static final String FLOWERS = """
			package t

			dataset D = csv("flowers.csv", label: "species")

			network Net {
			    input x: [4]
			    x -> dense(8, activation: relu) -> dense(3, activation: softmax) as out
			    output out
			}

			training T {
			    model: Net
			    data: D
			    optimizer: adam(lr: 0.01)
			    batch: 8
			    epochs: 3
			}
			""";

	private static final String CHARS = """
			package chars

			dataset Txt = moby_dick(window: 16)

			network Chars {
			    input chars: [time: 16] of token(vocab: 128)
			    chars -> embedding(128, dim: 8) -> lstm(32, sequences: true) -> dense(128, activation: softmax) as next
			    output next
			}

			training TC {
			    model: Chars
			    data: Txt(take: 256)
			    optimizer: adam(lr: 0.01)
			    batch: 8
			    epochs: 2
			}
			""";

	private static Path textRun;

	@BeforeAll
	static void train() throws IOException {
		StringBuilder csv = new StringBuilder("a,b,c,d,species\n");
		Random r = new Random(1);
		String[] names = { "setosa", "versicolor", "virginica" };
		for (int i = 0; i < 60; i++) {
			int k = i % 3;
			csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f,%s%n", k + r.nextGaussian() * 0.2, 1 - k + r.nextGaussian() * 0.2,
					2 * k + r.nextGaussian() * 0.2, r.nextGaussian() * 0.2, names[k]));
		}
		Files.writeString(dir.resolve("flowers.csv"), csv);
		Files.writeString(dir.resolve("flowers.nnet"), FLOWERS);
		csvRun = train(dir.resolve("flowers.nnet"), "csv-runs");
		Files.writeString(dir.resolve("chars.nnet"), CHARS);
		textRun = train(dir.resolve("chars.nnet"), "text-runs");
		mlpRun = train(Examples.folder().resolve("mnist/mlp.nnet"), "mlp-runs", "--take", "256", "--epochs", "1");
	}

	private static Path train(Path nnet, String runs, String... more) throws IOException {
		Path runsDir = dir.resolve(runs);
		String[] args = Stream.concat(Stream.of("train", nnet.toString(), "--runs", runsDir.toString()), Stream.of(more))
				.toArray(String[]::new);
		Cli.Result r = Cli.run(args);
		assertEquals(0, r.exit(), r.out() + r.err());
		try (Stream<Path> s = Files.list(runsDir)) {
			Path training = s.findFirst().orElseThrow();
			try (Stream<Path> t = Files.list(training)) {
				return t.findFirst().orElseThrow();
			}
		}
	}

	/** Runs nnet predict ... --json and checks the probabilities: each at least 0, summing to 1, the top one predicted. */
	private static JsonObject predictJson(int classes, String... args) {
		String[] all = Stream.concat(Stream.of("predict"), Stream.concat(Stream.of(args), Stream.of("--json"))).toArray(String[]::new);
		Cli.Result r = Cli.run(all);
		assertEquals(0, r.exit(), r.out() + r.err());
		JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
		JsonArray p = o.getAsJsonArray("probabilities");
		assertEquals(classes, p.size(), o.toString());
		double sum = 0;
		int best = 0;
		for (int i = 0; i < p.size(); i++) {
			double v = p.get(i).getAsDouble();
			assertTrue(v >= 0, o.toString());
			sum += v;
			if (v > p.get(best).getAsDouble()) {
				best = i;
			}
		}
		assertEquals(1.0, sum, 1e-5, o.toString());
		int predicted = o.get("predicted").getAsInt();
		assertTrue(predicted >= 0 && predicted < classes, o.toString());
		assertEquals(best, predicted, o.toString());
		assertEquals(predicted, o.getAsJsonArray("top").get(0).getAsJsonObject().get("class").getAsInt());
		return o;
	}

	/** Runs nnet predict and checks the refusal: exit 1, one line on standard error holding {@code expected}, no stack trace. */
	private static void refused(String expected, String... args) {
		String[] all = Stream.concat(Stream.of("predict"), Stream.of(args)).toArray(String[]::new);
		Cli.Result r = Cli.run(all);
		assertEquals(1, r.exit(), r.out() + r.err());
		assertEquals(1, r.err().strip().lines().count(), r.err());
		assertTrue(r.err().startsWith("nnet predict: "), r.err());
		assertTrue(r.err().contains(expected), () -> "'" + expected + "' not in: " + r.err());
		assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
	}

	@Test
	void aCsvRowGetsThreeProbabilitiesAndTheSameAnswerTwice() {
		JsonObject first = predictJson(3, csvRun.toString(), "2.0,-1.0,4.0,0.0");
		JsonObject second = predictJson(3, csvRun.toString(), "2.0,-1.0,4.0,0.0");
		assertEquals(first.get("probabilities"), second.get("probabilities"));
		// the CSV's label names, numbered in sorted order as the training numbered them
		assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", first.get("classes").toString());
		String name = first.getAsJsonArray("classes").get(first.get("predicted").getAsInt()).getAsString();
		assertEquals(name, first.getAsJsonArray("top").get(0).getAsJsonObject().get("name").getAsString());
	}

	@Test
	void aRowOfTheCsvFileIsPrintedWithItsLabel() {
		Cli.Result r = Cli.run("predict", csvRun.toString(), "--csv", dir.resolve("flowers.csv").toString(), "--row", "2");
		assertEquals(0, r.exit(), r.out() + r.err());
		assertEquals(3, r.out().lines().filter(l -> l.startsWith("  class ")).count(), r.out());
		assertTrue(r.out().contains("predicted class: ") && r.out().contains("(label: versicolor)"), r.out());
		assertTrue(r.out().lines().filter(l -> l.startsWith("  class ")).allMatch(l -> l.matches(".*  (setosa|versicolor|virginica)")),
				r.out());
	}

	@Test
	void anMnistImageFileGetsTenProbabilities() throws IOException {
		// a grey "1" on black, twice the input's size and in colour: converted to 1 x 28 x 28
		BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(24, 8, 8, 40);
		g.dispose();
		Path png = dir.resolve("one.png");
		ImageIO.write(img, "png", png.toFile());
		JsonObject first = predictJson(10, mlpRun.toString(), png.toString());
		JsonObject second = predictJson(10, mlpRun.toString(), png.toString());
		assertEquals(first.get("probabilities"), second.get("probabilities"));
		Cli.Result text = Cli.run("predict", mlpRun.toString(), png.toString());
		assertEquals(0, text.exit(), text.err());
		assertEquals(10, text.out().lines().filter(l -> l.startsWith("  class ")).count(), text.out());
		assertTrue(text.out().contains("predicted class: " + first.get("predicted").getAsInt()), text.out());
	}

	@Test
	void aValidationSampleIsPredictedWithItsLabel() {
		JsonObject o = predictJson(10, mlpRun.toString(), "--test", "3");
		assertTrue(o.has("label"), o.toString());
		assertEquals("validation sample 3", o.get("from").getAsString());
		predictJson(3, csvRun.toString(), "--test", "1");
	}

	@Test
	void eachErrorIsOneLine() throws IOException {
		refused("is not a folder", dir.resolve("no-such-run").toString(), "1,2,3,4");
		Path empty = Files.createDirectories(dir.resolve("not-a-run"));
		refused("no program.properties", empty.toString(), "1,2,3,4");
		Path untrained = Files.createDirectories(dir.resolve("untrained/classes"));
		Files.copy(csvRun.resolve("program.properties"), dir.resolve("untrained/program.properties"));
		refused("has no checkpoint", untrained.getParent().toString(), "1,2,3,4");
		refused("the input x is [4]: it takes 4 values, not 3", csvRun.toString(), "1,2,3");
		Path notImage = dir.resolve("digit.png");
		Files.writeString(notImage, "not a picture");
		refused("cannot read " + notImage + " as an image", mlpRun.toString(), notImage.toString());
		refused("cannot read the image " + dir.resolve("missing.png"), mlpRun.toString(), dir.resolve("missing.png").toString());
		refused("the input image is [1, 28, 28]: it takes 784 values, not 4", mlpRun.toString(), "1,2,3,4");
		refused("--test 100000 is out of range", csvRun.toString(), "--test", "100000");
	}

	@Test
	void aRawRowIsRefusedWhenTheTrainingStandardisesItsData() throws IOException {
		Files.writeString(dir.resolve("norm.nnet"), FLOWERS.replace("package t", "package norm").replace("training T {", "training TN {")
				.replace("data: D\n", "data: D(normalize: true)\n"));
		Path run = train(dir.resolve("norm.nnet"), "norm-runs");
		refused("normalize: true", run.toString(), "1,2,3,4");
		refused("normalize: true", run.toString(), "--csv", dir.resolve("flowers.csv").toString(), "--row", "1");
		predictJson(3, run.toString(), "--test", "2");
	}

	@Test
	void aCharModelGeneratesTheSameTextForTheSameSeed() {
		String[] args = { "predict", textRun.toString(), "--generate", "40", "--prompt", "Call me", "--temperature", "0.5", "--seed", "3" };
		Cli.Result first = Cli.run(args);
		assertEquals(0, first.exit(), first.out() + first.err());
		String text = first.out().replaceFirst("\\R$", "");
		assertTrue(text.startsWith("Call me"), text);
		assertEquals(47, text.length(), text);
		assertTrue(text.chars().allMatch(c -> c < 128), text);
		assertEquals(text, Cli.run(args).out().replaceFirst("\\R$", ""));
		refused("--generate needs a next-token model", csvRun.toString(), "--generate", "5");
	}
}
