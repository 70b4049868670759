package org.nnet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.nnet.runtime.train.CheckpointFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nnet predict RUN_DIR (IMAGE | CSV_ROW | --test N | --csv FILE --row N | --generate N --prompt TEXT) [--json]}: applies the model of a
 * finished run (the network its program builds, with its newest checkpoint's parameters) to one sample in a child
 * JVM on the runtime ({@code org.nnet.runtime.predict.Predict}), and prints the class probabilities.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
		description = { "Try a trained model on one sample: an image file (converted to the input's channels and size, "
				+ "pixels/255 as the image data sources read them), a CSV row of feature values, the N-th validation sample "
				+ "(--test N) or row N of a CSV file (--csv FILE --row N).",
				"Prints the top classes with their probabilities (all of them when there are at most 10) and the predicted "
						+ "class; --json prints the same as one JSON object." },
		footer = { "", "Examples:", "  nnet predict runs/TrainMlp/20261203-180215 digit.png",
				"  nnet predict runs/TrainMlp/20261203-180215 --test 7 --json", "  nnet predict runs/T/20261203-180215 5.1,3.5,1.4,0.2",
				"  nnet predict runs/T/20261203-180215 --csv flowers.csv --row 3",
				"  nnet predict runs/TrainCharLstm/20261203-180320 --generate 200 --prompt 'Call me' --temperature 0.7" })
public final class PredictCommand implements Callable<Integer> {
	private static final String RESULT = "NNET-PREDICT ";
	private static final String ERROR = "NNET-ERROR ";
	private static final String MAIN = "org.nnet.runtime.predict.Predict";

	@Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder of nnet train")
	Path runDir;

	@Parameters(index = "1", arity = "0..1", paramLabel = "INPUT", description = "an image file, or a CSV row of feature values")
	String input;

	@Option(names = "--test", paramLabel = "N", description = "the N-th sample (from 1) of the training's validation data "
			+ "(of its training data when the validation is a split of it)")
	Integer test;

	@Option(names = "--csv", paramLabel = "FILE", description = "a CSV file with a header row; use with --row")
	Path csv;

	@Option(names = "--row", paramLabel = "N", description = "the data row (from 1, after the header) of --csv")
	Integer row;

	@Option(names = "--label", paramLabel = "COLUMN", description = "the label column of --csv, left out of the features (default: "
			+ "the last column)")
	String label;

	@Option(names = "--top", paramLabel = "K", description = "how many classes to list (default: all when at most 10, else 5)")
	Integer top;

	@Option(names = "--generate", paramLabel = "N", description = "for a next-token model (e.g. examples/text/char_lstm.nnet): "
			+ "sample N characters after --prompt and print the text")
	Integer generate;

	@Option(names = "--prompt", paramLabel = "TEXT", description = "the text that --generate continues (default: a space)")
	String prompt = "";

	@Option(names = "--temperature", paramLabel = "T", description = "for --generate: below 1 more likely characters, above 1 more "
			+ "varied (default: 1)")
	double temperature = 1.0;

	@Option(names = "--seed", paramLabel = "S", description = "for --generate: the seed of the sampling (default: 1)")
	long seed = 1;

	@Option(names = "--json", description = "print the result as one JSON object")
	boolean json;

	PrintStream out = System.out;
	PrintStream err = System.err;

	/** A problem with the command line or the run folder, printed as one line. */
	private static final class Refused extends Exception {
		private static final long serialVersionUID = 1L;

		Refused(String message) {
			super(message);
		}
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		try {
			return predict();
		} catch (Refused e) {
			err.println("nnet predict: " + e.getMessage());
			return 1;
		}
	}

	private int predict() throws Refused, IOException, InterruptedException {
		Properties program = runProgram();
		List<String> args = new ArrayList<>(List.of("--run-dir", runDir.toAbsolutePath().toString(), "--program",
				program.getProperty("mainClass")));
		String source = program.getProperty("source");
		if (source != null && Path.of(source).getParent() != null) {
			args.addAll(List.of("--data-dir", Path.of(source).getParent().toString()));
		}
		int given = (input != null ? 1 : 0) + (test != null ? 1 : 0) + (csv != null ? 1 : 0) + (generate != null ? 1 : 0);
		if (given != 1) {
			throw new Refused("give one sample: an image file, a CSV row, --test N, --csv FILE --row N, or --generate N");
		}
		String expectedRow = null;
		if (generate != null) {
			if (generate < 1 || !(temperature > 0)) {
				throw new Refused("--generate takes a positive number of characters and --temperature a number above 0");
			}
			args.addAll(List.of("--generate", generate.toString(), "--prompt", prompt, "--temperature", Double.toString(temperature),
					"--seed", Long.toString(seed)));
		} else if (test != null) {
			args.addAll(List.of("--test", test.toString()));
		} else if (csv != null) {
			refuseIfNormalized(program);
			String[] features = csvRow();
			expectedRow = features[0];
			args.addAll(List.of("--values", features[1]));
		} else if (Files.exists(Path.of(input)) || !input.matches("[-+0-9.eE,;\\s]+")) {
			Path image = Path.of(input);
			if (!Files.isRegularFile(image) || !Files.isReadable(image)) {
				throw new Refused("cannot read the image " + input + " (no such file)");
			}
			args.addAll(List.of("--image", image.toAbsolutePath().toString()));
		} else {
			refuseIfNormalized(program);
			args.addAll(List.of("--values", input));
		}
		if (programSource(program).contains("Sources.csv(")) {
			// CSV labels may be names: the child reads the training data to number them as the training did
			args.addAll(List.of("--class-names", "true"));
		}
		JsonObject result = runChild(args);
		if (expectedRow != null) {
			result.addProperty("label", expectedRow);
		}
		print(result);
		return 0;
	}

	/** The run's program.properties, after checking the folder holds a compiled program and a checkpoint. */
	private Properties runProgram() throws Refused, IOException {
		if (!Files.isDirectory(runDir)) {
			throw new Refused(runDir + " is not a folder (give a run folder of nnet train, e.g. runs/TrainMlp/20261203-180215)");
		}
		Path saved = runDir.resolve(TrainCommand.PROGRAM_FILE);
		if (!Files.isRegularFile(saved)) {
			throw new Refused(runDir + " is not a run folder of nnet train (it has no " + TrainCommand.PROGRAM_FILE + ")");
		}
		Properties program = new Properties();
		try (var r = Files.newBufferedReader(saved, StandardCharsets.UTF_8)) {
			program.load(r);
		}
		if (program.getProperty("mainClass") == null || !Files.isDirectory(runDir.resolve("classes"))) {
			throw new Refused(runDir + " has no compiled program (classes/ and mainClass in " + TrainCommand.PROGRAM_FILE + ")");
		}
		if (CheckpointFiles.list(runDir).isEmpty()) {
			throw new Refused(runDir + " has no checkpoint (checkpoints/epoch-NNNN.zip): its training stopped before the end of "
					+ "epoch 1; train it (again) first");
		}
		return program;
	}

	/**
	 * A training with {@code normalize: true} standardises its data with that data set's own mean and deviation, which
	 * the generated program computes when it loads it and does not keep: a raw row would reach the network unscaled.
	 */
	private void refuseIfNormalized(Properties program) throws Refused, IOException {
		if (programSource(program).contains(".normalize()")) {
			throw new Refused("this training standardises its data (normalize: true) with statistics the run does not keep, so a "
					+ "raw row would be misread: use --test N");
		}
	}

	/** The generated program's source in the run folder, or "" when it is not there. */
	private String programSource(Properties program) throws IOException {
		Path source = runDir.resolve("src").resolve(program.getProperty("mainClass").replace('.', '/') + ".java");
		return Files.isRegularFile(source) ? Files.readString(source, StandardCharsets.UTF_8) : "";
	}

	/** Row {@code --row} of {@code --csv}: its label (or null) and its feature values joined by commas. */
	private String[] csvRow() throws Refused, IOException {
		if (row == null || row < 1) {
			throw new Refused("--csv needs --row N (N from 1, the first row after the header)");
		}
		if (!Files.isReadable(csv)) {
			throw new Refused("cannot read " + csv);
		}
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
		if (lines.size() < 2) {
			throw new Refused(csv + " has no data row after its header");
		}
		if (row >= lines.size()) {
			throw new Refused("--row " + row + " is out of range: " + csv + " has " + (lines.size() - 1) + " data rows");
		}
		List<String> header = List.of(lines.get(0).split(",", -1)).stream().map(String::trim).toList();
		String[] cells = lines.get(row).split(",", -1);
		if (cells.length != header.size()) {
			throw new Refused(csv + ":" + (row + 1) + ": " + cells.length + " values where the header has " + header.size() + " columns");
		}
		int labelColumn = label != null ? header.indexOf(label.trim()) : header.size() - 1;
		if (labelColumn < 0) {
			throw new Refused(csv + " has no column \"" + label + "\" (its columns: " + String.join(", ", header) + ")");
		}
		List<String> features = new ArrayList<>();
		for (int i = 0; i < cells.length; i++) {
			if (i != labelColumn) {
				features.add(cells[i].trim());
			}
		}
		return new String[] { cells[labelColumn].trim(), String.join(",", features) };
	}

	private JsonObject runChild(List<String> args) throws Refused, IOException, InterruptedException {
		RuntimeClasspath runtime;
		try {
			runtime = RuntimeClasspath.locate();
		} catch (RuntimeClasspath.MissingRuntimeException e) {
			throw new Refused(e.getMessage());
		}
		List<String> command = runtime.javaCommand(runDir.resolve("classes"), List.of());
		command.add(MAIN);
		command.addAll(args);
		ProcessBuilder pb = new ProcessBuilder(command);
		RuntimeClasspath.oneThread(pb);
		pb.redirectErrorStream(true);
		Process child = pb.start();
		String result = null;
		String error = null;
		List<String> tail = new ArrayList<>();
		try (var r = child.inputReader(StandardCharsets.UTF_8)) {
			String line;
			while ((line = r.readLine()) != null) {
				if (line.startsWith(RESULT)) {
					result = line.substring(RESULT.length());
				} else if (line.startsWith(ERROR)) {
					error = line.substring(ERROR.length());
				} else if (!line.startsWith("WARNING")) {
					tail.add(line);
					if (tail.size() > 5) {
						tail.remove(0);
					}
				}
			}
		}
		int exit = child.waitFor();
		if (error != null) {
			throw new Refused(error);
		}
		if (exit != 0 || result == null) {
			throw new Refused("the prediction stopped (exit code " + exit + ")"
					+ (tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1)));
		}
		return JsonParser.parseString(result).getAsJsonObject();
	}

	private void print(JsonObject r) {
		if (r.has("text")) {
			out.println(json ? r.toString() : prompt + r.get("text").getAsString());
			return;
		}
		if (!r.has("probabilities")) {
			if (json) {
				out.println(r);
			} else {
				out.println(r.get("output").getAsString() + " = " + r.get("values"));
			}
			return;
		}
		JsonArray p = r.getAsJsonArray("probabilities");
		int k = top != null ? Math.max(1, Math.min(top, p.size())) : p.size() <= 10 ? p.size() : 5;
		List<Integer> order = IntStream.range(0, p.size()).boxed()
				.sorted(Comparator.comparingDouble((Integer i) -> -p.get(i).getAsDouble())).limit(k).toList();
		JsonArray names = r.has("classes") && r.getAsJsonArray("classes").size() == p.size() ? r.getAsJsonArray("classes") : null;
		if (json) {
			JsonArray topClasses = new JsonArray();
			for (int i : order) {
				JsonObject c = new JsonObject();
				c.addProperty("class", i);
				if (names != null) {
					c.addProperty("name", names.get(i).getAsString());
				}
				c.addProperty("probability", p.get(i).getAsDouble());
				topClasses.add(c);
			}
			r.add("top", topClasses);
			out.println(r);
			return;
		}
		String from = r.has("from") ? r.get("from").getAsString() : "the sample";
		out.println(r.get("output").getAsString() + " for " + from + " (" + runDir.resolve("checkpoints").resolve(
				r.get("checkpoint").getAsString()) + "):");
		for (int i : order) {
			double v = p.get(i).getAsDouble();
			out.println(String.format(Locale.ROOT, "  class %-4d %7.4f  %s", i, v, "#".repeat((int) Math.round(v * 30)))
					+ (names != null ? "  " + names.get(i).getAsString() : ""));
		}
		int predicted = r.get("predicted").getAsInt();
		out.println("predicted class: " + predicted + (names != null ? " " + names.get(predicted).getAsString() : "")
				+ (r.has("label") ? " (label: " + r.get("label").getAsString() + ")" : ""));
	}
}
