package org.nnet.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of {@code nnet check} (not a test; docs/benchmarks.md has the commands and numbers): writes
 * .nnet files of 1,000 and 10,000 layers (a long chain mixing conv2d, batchnorm, dropout and dense, with
 * named nodes and residual merges), then times parse + link + validate + infer + report in this JVM
 * (warm: repeated, median) and, with {@code --cold LAUNCHER...}, as fresh processes.
 * <p>
 * Usage: {@code CheckBenchmark [--out DIR] [--runs N] [--sizes 1000,10000] [--cold ./nnet]}
 */
public final class CheckBenchmark {

	private CheckBenchmark() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path out = Paths.get("target", "benchmark");
		int runs = 10;
		int[] sizes = { 1000, 10000 };
		List<String> cold = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
			case "--out" -> out = Paths.get(args[++i]);
			case "--runs" -> runs = Integer.parseInt(args[++i]);
			case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
			case "--cold" -> cold = new ArrayList<>(Arrays.asList(args).subList(i + 1, args.length));
			default -> throw new IllegalArgumentException("unknown argument " + args[i]);
			}
			if (cold != null) {
				break;
			}
		}
		Files.createDirectories(out);
		List<Path> files = new ArrayList<>();
		for (int size : sizes) {
			// one folder per file: check also loads the other .nnet files of a file's folder
			Path file = out.resolve("layers_" + size).resolve("layers_" + size + ".nnet");
			Files.createDirectories(file.getParent());
			Files.writeString(file, generate(size));
			files.add(file);
			System.out.printf(Locale.ROOT, "wrote %s (%,d layers, %,d bytes)%n", file, size, Files.size(file));
		}

		double[] warm = new double[sizes.length];
		for (int s = 0; s < sizes.length; s++) {
			warm[s] = warm(files.get(s), sizes[s], runs);
		}
		if (sizes.length > 1) {
			System.out.printf(Locale.ROOT, "warm growth %,d -> %,d layers: x%.1f%n", sizes[0], sizes[sizes.length - 1],
					warm[sizes.length - 1] / warm[0]);
		}
		if (cold != null) {
			for (int s = 0; s < sizes.length; s++) {
				cold(cold, files.get(s), sizes[s], Math.max(3, runs / 2));
			}
		}
	}

	/** Times load + validate + infer + JSON in this JVM: a few warm-up rounds, then the median of {@code runs}. */
	private static double warm(Path file, int layers, int runs) {
		for (int i = 0; i < 3; i++) {
			checkOnce(file, layers);
		}
		double[] total = new double[runs];
		double[] load = new double[runs];
		double[] cpu = new double[runs];
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < runs; i++) {
			long c0 = threads.getCurrentThreadCpuTime();
			long t0 = System.nanoTime();
			NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
			long t1 = System.nanoTime();
			String json = CheckReport.of(workspace).toJson();
			long t2 = System.nanoTime();
			cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
			verify(workspace, json, layers);
			load[i] = (t1 - t0) / 1e6;
			total[i] = (t2 - t0) / 1e6;
		}
		double median = median(total);
		// on a shared machine wall time includes waiting for a core: the thread's CPU time shows the work itself
		System.out.printf(Locale.ROOT,
				"warm %,6d layers: median %8.1f ms wall (min %.1f, max %.1f; parse+link+validate %.1f, infer+report %.1f), median %.1f ms CPU, over %d runs%n",
				layers, median, Arrays.stream(total).min().orElse(0), Arrays.stream(total).max().orElse(0), median(load),
				median - median(load), median(cpu), runs);
		return median;
	}

	private static void checkOnce(Path file, int layers) {
		NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
		verify(workspace, CheckReport.of(workspace).toJson(), layers);
	}

	/** The generated file must check clean, or the benchmark measures an error path. */
	private static void verify(NnetWorkspace workspace, String json, int layers) {
		if (workspace.hasErrors()) {
			throw new IllegalStateException("the generated file has errors: " + workspace.diagnostics().subList(0,
					Math.min(5, workspace.diagnostics().size())));
		}
		if (json.length() < layers * 10L) {
			throw new IllegalStateException("the report is too short for " + layers + " layers");
		}
	}

	/** Times {@code launcher check FILE} as fresh processes; prints the median wall time. */
	private static void cold(List<String> launcher, Path file, int layers, int runs) throws IOException, InterruptedException {
		double[] times = new double[runs];
		for (int i = 0; i < runs; i++) {
			List<String> command = new ArrayList<>(launcher);
			command.add("check");
			command.add(file.toString());
			long t0 = System.nanoTime();
			Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			int exit = p.waitFor();
			times[i] = (System.nanoTime() - t0) / 1e6;
			if (exit != 0) {
				throw new IllegalStateException(command + " exited with " + exit);
			}
		}
		System.out.printf(Locale.ROOT, "cold %,6d layers: median %8.1f ms over %d processes%n", layers, median(times), runs);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/**
	 * A network of exactly {@code layers} layer steps, one per line: the first half a convolutional trunk
	 * (conv2d, batchnorm, dropout) with a residual {@code add} every 50 layers, then {@code flatten()} and a
	 * dense trunk (dense, batchnorm, dropout) with a residual {@code add} every 50 layers, ending in a
	 * 10-way softmax. Every tenth layer is named; the rest get generated names.
	 */
	static String generate(int layers) {
		StringBuilder text = new StringBuilder();
		text.append("package bench\n\n");
		text.append("/** A generated network of ").append(layers).append(" layers for the nnet check benchmark. */\n");
		text.append("network Layers").append(layers).append(" {\n");
		text.append("    input image: [3, 16, 16]\n");
		String indent = "          -> ";
		int written = 0;
		int convLayers = layers / 2;
		int named = 0;
		text.append("    image -> conv2d(8, kernel: 3, padding: same, activation: relu)\n");
		written++;
		boolean dense = false;
		while (written < layers - 1) {
			if (!dense && written >= convLayers) {
				text.append(indent).append("flatten()\n");
				written++;
				dense = true;
				continue;
			}
			if (written % 50 == 0 && layers - written > 4) {
				// a residual block: name the trunk, branch, merge (3 layers)
				String trunk = "t" + written;
				String branch = "b" + written;
				text.append(indent).append(dense ? "dense(64, activation: relu)" : "conv2d(8, kernel: 3, padding: same, activation: relu)")
						.append(" as ").append(trunk).append('\n');
				text.append("    ").append(trunk).append(" -> ")
						.append(dense ? "dense(64, activation: relu)" : "conv2d(8, kernel: 1, activation: relu)").append(" as ")
						.append(branch).append('\n');
				text.append("    add(").append(trunk).append(", ").append(branch).append(")\n");
				written += 3;
				continue;
			}
			String step = switch (written % 3) {
			case 0 -> dense ? "dense(64, activation: relu)" : "conv2d(8, kernel: 3, padding: same, activation: relu)";
			case 1 -> "batchnorm()";
			default -> "dropout(0.1)";
			};
			text.append(indent).append(step);
			if (written % 10 == 7) {
				text.append(" as n").append(++named);
			}
			text.append('\n');
			written++;
		}
		if (!dense) {
			throw new IllegalArgumentException("too few layers: " + layers);
		}
		text.append(indent).append("dense(10, activation: softmax) as out\n");
		text.append("    output out\n");
		text.append("}\n");
		return text.toString();
	}
}
