package org.nnet.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fuzz run of the check pipeline in this process (not a surefire test: it takes minutes): mutated examples
 * (as {@link RobustnessTest} mutates them), deep nesting of every bracket kind and of {@code repeat}, and binary
 * noise, each loaded, validated, inferred and reported as {@code nnet check} does, on a thread with the stack
 * of {@link Main}. A crash is an exception or error escaping, an internal error reported, a diagnostic off the
 * file, or a check taking more than 60 s; each is written to the output folder.
 *
 * <pre>
 * java -cp CP org.nnet.cli.CheckFuzz [--count 6000] [--seed 11] [--out /tmp/nnet-fuzz]
 * </pre>
 */
public final class CheckFuzz {

	private CheckFuzz() {
	}

	public static void main(String[] args) throws Exception {
		int count = 6000;
		long seed = 11;
		Path out = Path.of("/tmp/nnet-fuzz");
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
			case "--count" -> count = Integer.parseInt(args[++i]);
			case "--seed" -> seed = Long.parseLong(args[++i]);
			case "--out" -> out = Path.of(args[++i]);
			default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Files.createDirectories(out);
		Random random = new Random(seed);
		List<Path> examples = Examples.files();
		List<String> texts = new ArrayList<>();
		for (Path e : examples) {
			texts.add(Examples.read(e));
		}
		int[] kinds = new int[3];
		int crashes = 0;
		long t0 = System.nanoTime();
		Path file = out.resolve("input.nnet");
		for (int i = 0; i < count; i++) {
			int kind = i % 10 < 6 ? 0 : i % 10 < 8 ? 1 : 2;
			kinds[kind]++;
			byte[] bytes = switch (kind) {
				case 0 -> RobustnessTest.mutate(texts.get(random.nextInt(texts.size())), random).bytes();
				case 1 -> deep(random).getBytes(StandardCharsets.UTF_8);
				default -> noise(random);
			};
			Files.write(file, bytes);
			String failure = checkOnBigStack(file, bytes);
			if (failure != null) {
				crashes++;
				Path kept = out.resolve("crash-" + i + ".nnet");
				Files.write(kept, bytes);
				System.out.println("input " + i + ": " + failure.lines().findFirst().orElse("") + " -> " + kept);
			}
			if ((i + 1) % 500 == 0) {
				System.out.printf("%d inputs, %d crashes, %.0f s%n", i + 1, crashes, (System.nanoTime() - t0) / 1e9);
			}
		}
		System.out.printf("%d inputs (%d mutated examples, %d deep nesting, %d binary noise), %d crashes, %.0f s%n", count, kinds[0],
				kinds[1], kinds[2], crashes, (System.nanoTime() - t0) / 1e9);
		System.exit(crashes == 0 ? 0 : 1);
	}

	/** A network whose body nests one bracket kind, or repeat blocks, 1 to 3,000 deep. */
	static String deep(Random random) {
		int depth = 1 + (random.nextBoolean() ? random.nextInt(250) : random.nextInt(3000));
		String[][] kinds = { { "(", ")" }, { "[", "]" }, { "{", "}" }, { "repeat(1) { ", " }" }, { "concat(", ", x)" } };
		String[] k = kinds[random.nextInt(kinds.length)];
		String inner = k[0].repeat(depth) + (random.nextBoolean() ? "3" : "dense(4)") + (random.nextInt(5) == 0 ? "" : k[1].repeat(depth));
		String line = switch (random.nextInt(3)) {
			case 0 -> "    x -> dense(" + inner + ") as out\n";
			case 1 -> "    x -> " + inner + " as out\n";
			default -> "    input y: " + inner + "\n    x -> dense(3) as out\n";
		};
		return "package t\n\nnetwork Deep {\n    input x: [4]\n" + line + "    output out\n}\n";
	}

	/** Random bytes, sometimes after a valid first line. */
	static byte[] noise(Random random) {
		byte[] b = new byte[random.nextInt(4000)];
		random.nextBytes(b);
		if (random.nextBoolean()) {
			byte[] head = "package t\n\nnetwork N {\n".getBytes(StandardCharsets.UTF_8);
			System.arraycopy(head, 0, b, 0, Math.min(head.length, b.length));
		}
		return b;
	}

	private static String checkOnBigStack(Path file, byte[] bytes) throws InterruptedException {
		String[] result = { "did not finish in 60 s" };
		Thread t = new Thread(null, () -> result[0] = RobustnessTest.check(file, bytes), "fuzz", Main.STACK_BYTES);
		t.setDaemon(true);
		t.start();
		t.join(60_000);
		return result[0];
	}

	static {
		// quiet: the checker's loggers are not part of what is fuzzed
		java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
	}
}
