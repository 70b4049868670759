package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnet train} refuses data that does not fit the model before anything is generated or trained: one
 * line naming the .nnet file and the line of the data source (and the data file and line for CSV rows), exit
 * code 1, and no run folder. These run in-process and start no training JVM.
 */
class TrainDataCheckTest {

	@TempDir
	Path dir;

	/** A .nnet file whose dataset (line 3) is {@code source} and whose network reads {@code input} through {@code layers}. */
	private static String nnet(String source, String input, String layers) {
		return """
				package t

				dataset D = %s

				network Net {
				    input %s
				    %s as out
				    output out
				}

				training T {
				    model: Net
				    data: D
				    optimizer: sgd(lr: 0.1)
				    batch: 2
				    epochs: 1
				}
				""".formatted(source, input, layers);
	}

	/** A network of input [4] and 3 classes. */
	private static final String CSV_MODEL = nnet("csv(\"flowers.csv\", label: \"species\")", "x: [4]",
			"x -> dense(3, activation: softmax)");

	private static final String GOOD_CSV = "a,b,c,d,species\n1,2,3,4,setosa\n5,6,7,8,virginica\n1,1,1,1,versicolor\n";

	private Path model(String text) throws IOException {
		Path f = dir.resolve("flowers.nnet");
		Files.writeString(f, text);
		return f;
	}

	/** Runs nnet train and checks the refusal: exit 1, the one error line, nothing trained; returns the error line. */
	private String refused(Path nnet, String... expected) {
		Path runs = dir.resolve("runs");
		Cli.Result r = Cli.run("train", nnet.toString(), "--runs", runs.toString());
		assertEquals(1, r.exit(), r.out() + r.err());
		List<String> errors = r.err().lines().filter(l -> l.contains(": error: ")).toList();
		assertEquals(1, errors.size(), r.err());
		String line = errors.get(0);
		for (String e : expected) {
			assertTrue(line.contains(e), () -> "'" + e + "' not in: " + line);
		}
		assertFalse(r.err().contains("Exception"), r.err());
		assertFalse(r.out().contains("Training "), "training must not start: " + r.out());
		assertFalse(Files.exists(runs), "no run folder may be created: " + runs);
		return line;
	}

	@Test
	void malformedCsvRowNamesTheDatasetLineAndTheRow() throws IOException {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), GOOD_CSV + "1,2,3,setosa\n");
		String line = refused(nnet, nnet + ":3:", dir.resolve("flowers.csv") + ":5:", "4 values", "5 columns");
		assertTrue(line.startsWith(nnet + ":3:"), line);
	}

	@Test
	void nonNumericCsvCellNamesItsColumn() throws IOException {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), GOOD_CSV.replace("5,6,7,8", "5,six,7,8"));
		refused(nnet, nnet + ":3:", "flowers.csv:3:", "column \"b\"", "not a number");
	}

	@Test
	void absentLabelColumnListsTheColumns() throws IOException {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), GOOD_CSV.replace("species", "kind"));
		refused(nnet, nnet + ":3:", "flowers.csv:1:", "label column \"species\"", "a, b, c, d, kind");
	}

	@Test
	void csvWithTooFewFeatureColumnsDoesNotFitTheInput() throws IOException {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), "a,b,c,species\n1,2,3,setosa\n4,5,6,virginica\n7,8,9,versicolor\n");
		refused(nnet, nnet + ":3:", dir.resolve("flowers.csv") + " has 3 feature columns (a, b, c)", "[3]", "input x is [4]");
	}

	@Test
	void csvWithMoreClassesThanTheOutputIsRefused() throws IOException {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), GOOD_CSV + "2,2,2,2,rosa\n");
		refused(nnet, nnet + ":3:", "4 classes", "output out is [3]");
	}

	@Test
	void missingDataFileIsAnErrorOnTheDatasetLine() throws IOException {
		Path nnet = model(CSV_MODEL);
		refused(nnet, nnet + ":3:", "flowers.csv");
	}

	@Test
	void idxImagesOfAnotherSizeDoNotFitTheInput() throws IOException {
		Path nnet = model(nnet("idx(images: \"img.idx\", labels: \"lab.idx\")", "image: [1, 28, 28]",
				"image -> flatten() -> dense(10, activation: softmax)"));
		try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(dir.resolve("img.idx")))) {
			o.writeInt(0x803);
			o.writeInt(2);
			o.writeInt(8);
			o.writeInt(8);
			o.write(new byte[2 * 8 * 8]);
		}
		try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(dir.resolve("lab.idx")))) {
			o.writeInt(0x801);
			o.writeInt(2);
			o.write(new byte[] {0, 1});
		}
		refused(nnet, nnet + ":3:", "2 images of 8x8 pixels", "[1, 8, 8]", "input image is [1, 28, 28]");
	}

	@Test
	void imagesOfAnotherSizeDoNotFitTheInput() throws IOException {
		Path nnet = model(nnet("images(\"pics\")", "image: [1, 28, 28]",
				"image -> flatten() -> dense(2, activation: softmax)"));
		for (String c : new String[] { "cat", "dog" }) {
			Files.createDirectories(dir.resolve("pics").resolve(c));
			ImageIO.write(new BufferedImage(6, 5, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("pics").resolve(c).resolve("a.png").toFile());
		}
		refused(nnet, nnet + ":3:", "6x5 pixels", "[1, 5, 6]", "input image is [1, 28, 28]");
	}

	@Test
	void textShorterThanAWindowIsRefused() throws IOException {
		Path nnet = model(nnet("text(\"book.txt\", window: 50)", "chars: [time: 50] of token(vocab: 128)",
				"chars -> embedding(128, dim: 4) -> dense(128, activation: softmax)"));
		Files.writeString(dir.resolve("book.txt"), "Call me Ishmael.");
		refused(nnet, nnet + ":3:", "book.txt", "16 characters", "window + 1 = 51");
	}

	@Test
	void dataThatFitsPassesTheCheck() throws Exception {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), GOOD_CSV);
		var t = TrainingSelection.select(nnet, null, System.err);
		assertEquals(List.of(), DataPreflight.check(nnet, t));
	}

	/** {@link #CSV_MODEL} with a validation file (issue 11, item 5). */
	private Path withValidation(String trainCsv, String validationCsv) throws IOException {
		Files.writeString(dir.resolve("flowers.csv"), trainCsv);
		Files.writeString(dir.resolve("val.csv"), validationCsv);
		return model(CSV_MODEL.replace("    data: D\n", "    data: D\n    validation: csv(\"val.csv\", label: \"species\")\n"));
	}

	@Test
	void aValidationFileWithFewerClassesFitsTheModel() throws Exception {
		Path nnet = withValidation(GOOD_CSV, "a,b,c,d,species\n1,2,3,4,virginica\n5,6,7,8,virginica\n");
		var t = TrainingSelection.select(nnet, null, System.err);
		assertEquals(List.of(), DataPreflight.check(nnet, t));
	}

	@Test
	void aValidationClassTheTrainingDataLacksNamesItsRow() throws IOException {
		Path nnet = withValidation(GOOD_CSV, "a,b,c,d,species\n1,2,3,4,virginica\n5,6,7,8,iris\n");
		refused(nnet, "val.csv:3: the class \"iris\" is not a class of the training data");
	}

	@Test
	void aHugeCsvLabelNamesItsRow() throws IOException {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), "a,b,c,d,species\n1,2,3,4,0\n5,6,7,8,2147483647\n");
		refused(nnet, "flowers.csv:3: the label 2147483647 is not a class index");
	}

	@Test
	void aNanCellNamesItsRow() throws IOException {
		Path nnet = model(CSV_MODEL);
		Files.writeString(dir.resolve("flowers.csv"), "a,b,c,d,species\n1,2,3,4,0\n5,NaN,7,8,1\n1,1,1e39,1,2\n");
		refused(nnet, "flowers.csv:3: column \"b\" holds \"NaN\", which is not a finite number");
	}
}
