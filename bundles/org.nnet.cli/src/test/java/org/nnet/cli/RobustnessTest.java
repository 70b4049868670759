package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.resource.Resource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnet.core.IssueCodes;
import org.nnet.core.Problem;
import org.nnet.core.inference.ShapeInference;
import org.nnet.model.Element;
import org.nnet.model.Model;

/**
 * Fuzzing: every example, mutated many times with a fixed seed (spans deleted, duplicated or swapped,
 * truncated, random bytes and tokens inserted, numbers made 0, negative or huge, brackets deleted), is
 * loaded, validated, inferred and reported without an exception, and every diagnostic has a place and a
 * message. Internal errors that the checker catches and reports count as failures too.
 * <p>
 * A failing mutant is written to {@code target/robustness-failures/} to reproduce it with {@code nnet check}.
 */
class RobustnessTest {

	private static final int MUTATIONS_PER_EXAMPLE = 200;
	private static final long SEED = 20261126L;

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|\\d+(\\.\\d+)?([eE][-+]?\\d+)?|->|\"[^\"\\n]*\"|\\S");
	private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
	private static final String[] ODD_NUMBERS = { "0", "-1", "99999999999999999999", "9223372036854775807", "2147483648",
			"1e309", "1e-400", "0.0", "-0", "3.5", "00" };
	private static final String[] ODD_TOKENS = { "(", ")", "[", "]", "{", "}", "->", ":", ",", "?", "as", "of", "-", "*", "/",
			"+", "=", "\"", "/*", "*/", "//", ".", ".*", "network", "input", "output", "repeat(2) {", "x", "dense", "concat(",
			"autoencoder", "gan", "training", "dataset", "package", "import", "token(vocab: 0)", "[?, ?]", "\n", "\t", "\u00e9",
			"\ud83d\ude00", "\u0000" };

	static List<Path> examples() {
		return Examples.files();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void mutatedExampleNeverThrowsAndEveryDiagnosticHasAPlaceAndAMessage(Path example, @TempDir Path dir) throws IOException {
		String text = Examples.read(example);
		Random random = new Random(SEED ^ Examples.name(example).hashCode());
		Path mutant = dir.resolve("mutant.nnet");
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < MUTATIONS_PER_EXAMPLE; i++) {
			Mutation mutation = mutate(text, random);
			Files.write(mutant, mutation.bytes());
			String failure = check(mutant, mutation.bytes());
			if (failure != null) {
				failures.add("mutation " + i + " (" + mutation.description() + "): " + failure + " -> "
						+ keep(example, i, mutation.bytes()));
			}
		}
		if (!failures.isEmpty()) {
			fail(failures.size() + " of " + MUTATIONS_PER_EXAMPLE + " mutants of " + Examples.name(example) + " failed:\n"
					+ String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
		}
	}

	/** Loads, validates, infers and reports one file; returns what went wrong, or null. */
	static String check(Path file, byte[] bytes) {
		try {
			NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
			CheckReport report = CheckReport.of(workspace);
			String json = report.toJson();
			assertTrue(json.startsWith("{"));
			report.printText(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

			ShapeInference inference = new ShapeInference();
			for (Resource resource : workspace.requestedFiles().keySet()) {
				Model model = NnetWorkspace.model(resource);
				if (model == null) {
					continue;
				}
				for (Element element : model.getElements()) {
					for (Problem p : inference.check(element)) {
						if (p.code().equals(IssueCodes.INTERNAL_ERROR)) {
							return "shape inference failed inside: " + p.message();
						}
					}
				}
			}
			long lines = 1 + new String(bytes, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
			for (Diagnostic d : workspace.diagnostics()) {
				if (d.code().equals("org.nnet.cli.internalError") || d.code().equals(IssueCodes.INTERNAL_ERROR)) {
					return "internal error reported: " + d;
				}
				if (d.line() < 1 || d.column() < 1 || d.line() > lines) {
					return "diagnostic out of the file: " + d;
				}
				if (d.message() == null || d.message().isBlank()) {
					return "diagnostic without a message: " + d;
				}
				if (d.code() == null || d.code().isBlank() || !(d.severity().equals("error") || d.severity().equals("warning"))) {
					return "diagnostic without a code or severity: " + d;
				}
			}
			return null;
		} catch (Throwable t) {
			java.io.StringWriter trace = new java.io.StringWriter();
			t.printStackTrace(new java.io.PrintWriter(trace));
			String[] frames = trace.toString().split("\n");
			return "threw " + String.join("\n    ", java.util.Arrays.copyOf(frames, Math.min(8, frames.length)));
		}
	}

	private static String keep(Path example, int index, byte[] bytes) {
		try {
			Path folder = Paths.get("target", "robustness-failures");
			Files.createDirectories(folder);
			Path file = folder.resolve(Examples.name(example).replace('/', '_').replace(".nnet", "") + "-" + index + ".nnet");
			Files.write(file, bytes);
			return file.toString();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	// ---- mutations

	record Mutation(String description, byte[] bytes) {
	}

	static Mutation mutate(String text, Random random) {
		int kind = random.nextInt(10);
		if (kind == 9) {
			// several at once
			String current = text;
			StringBuilder description = new StringBuilder("combined:");
			for (int k = 0; k < 2 + random.nextInt(3); k++) {
				Mutation m = mutateText(current, random, random.nextInt(8));
				current = new String(m.bytes(), StandardCharsets.UTF_8);
				description.append(' ').append(m.description());
			}
			return new Mutation(description.toString(), current.getBytes(StandardCharsets.UTF_8));
		}
		if (kind == 8) {
			// random bytes: NUL, invalid UTF-8, anything
			byte[] original = text.getBytes(StandardCharsets.UTF_8);
			int at = random.nextInt(original.length + 1);
			byte[] inserted = new byte[1 + random.nextInt(6)];
			random.nextBytes(inserted);
			byte[] bytes = new byte[original.length + inserted.length];
			System.arraycopy(original, 0, bytes, 0, at);
			System.arraycopy(inserted, 0, bytes, at, inserted.length);
			System.arraycopy(original, at, bytes, at + inserted.length, original.length - at);
			return new Mutation("random bytes at " + at, bytes);
		}
		return mutateText(text, random, kind);
	}

	private static Mutation mutateText(String text, Random random, int kind) {
		int n = text.length();
		switch (kind) {
		case 0: {
			int start = random.nextInt(n + 1);
			int end = Math.min(n, start + 1 + random.nextInt(60));
			return result("delete " + start + ".." + end, text.substring(0, start) + text.substring(end));
		}
		case 1: {
			int start = random.nextInt(n + 1);
			int end = Math.min(n, start + 1 + random.nextInt(120));
			int at = random.nextInt(n + 1);
			String span = text.substring(start, end);
			return result("duplicate " + start + ".." + end + " at " + at, text.substring(0, at) + span + text.substring(at));
		}
		case 2: {
			List<int[]> tokens = tokens(text, TOKEN);
			if (tokens.size() < 2) {
				return result("unchanged", text);
			}
			int[] a = tokens.get(random.nextInt(tokens.size()));
			int[] b = tokens.get(random.nextInt(tokens.size()));
			if (a[0] > b[0]) {
				int[] t = a;
				a = b;
				b = t;
			}
			if (a[0] == b[0]) {
				return result("unchanged", text);
			}
			String swapped = text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1], b[0])
					+ text.substring(a[0], a[1]) + text.substring(b[1]);
			return result("swap tokens at " + a[0] + " and " + b[0], swapped);
		}
		case 3: {
			int at = random.nextInt(n + 1);
			return result("truncate at " + at, text.substring(0, at));
		}
		case 4: {
			int at = random.nextInt(n + 1);
			String token = ODD_TOKENS[random.nextInt(ODD_TOKENS.length)];
			return result("insert '" + token + "' at " + at, text.substring(0, at) + token + text.substring(at));
		}
		case 5:
		case 6: {
			List<int[]> numbers = tokens(text, NUMBER);
			if (numbers.isEmpty()) {
				return result("unchanged", text);
			}
			int[] number = numbers.get(random.nextInt(numbers.size()));
			String replacement = ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
			return result("number at " + number[0] + " -> " + replacement,
					text.substring(0, number[0]) + replacement + text.substring(number[1]));
		}
		default: {
			List<int[]> closers = tokens(text, Pattern.compile("[)\\]}]"));
			if (closers.isEmpty()) {
				return result("unchanged", text);
			}
			int[] closer = closers.get(random.nextInt(closers.size()));
			return result("delete '" + text.charAt(closer[0]) + "' at " + closer[0],
					text.substring(0, closer[0]) + text.substring(closer[1]));
		}
		}
	}

	private static Mutation result(String description, String text) {
		return new Mutation(description, text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<int[]> tokens(String text, Pattern pattern) {
		List<int[]> tokens = new ArrayList<>();
		Matcher m = pattern.matcher(text);
		while (m.find()) {
			tokens.add(new int[] { m.start(), m.end() });
		}
		return tokens;
	}
}
