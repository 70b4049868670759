package org.nnet.diagram.tests;

import java.util.Locale;
import java.util.Set;

import org.eclipse.emf.ecore.resource.Resource;
import org.nnet.diagram.DiagramLayout;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.SvgExport;

/**
 * Not a test: times diagram model + ELK layout + SVG rendering of generated networks of 100, 500 and 2,000
 * layers (a chain with a residual {@code add} every 10 layers, so that the layout has more than one
 * path). Prints one line per size; the figures go to docs/benchmarks.md.
 */
public final class DiagramBenchmark {

	private DiagramBenchmark() {
	}

	/** A network of about {@code layers} layers. */
	public static String network(int layers) {
		StringBuilder b = new StringBuilder("package bench\n\nnetwork Deep {\n    input x: [64]\n    x -> dense(64) as l0\n");
		String last = "l0";
		int made = 1;
		for (int block = 1; made < layers; block++) {
			String start = last;
			b.append("    ").append(start);
			for (int i = 0; i < 8 && made < layers; i++, made++) {
				b.append(i % 2 == 0 ? " -> dense(64, activation: relu)" : " -> layernorm()");
			}
			b.append(" as t").append(block).append('\n');
			b.append("    add(").append(start).append(", t").append(block).append(") as r").append(block).append('\n');
			made++;
			last = "r" + block;
		}
		b.append("    output ").append(last).append("\n}\n");
		return b.toString();
	}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		int[] sizes = args.length == 0 ? new int[] { 100, 500, 2000 } : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
		// warm-up: class loading, ELK's registry and the JIT
		run(network(200), 3);
		System.out.println("layers  nodes  edges  model ms  layout ms  svg ms  total ms (layout+svg)  svg KB");
		for (int n : sizes) {
			run(network(n), 1);
			long[] best = null;
			for (int rep = 0; rep < 3; rep++) {
				long[] t = run(network(n), 1);
				if (best == null || t[1] + t[2] < best[1] + best[2]) {
					best = t;
				}
			}
			System.out.println(String.format(Locale.ROOT, "%6d  %5d  %5d  %8.0f  %9.0f  %6.0f  %21.0f  %6d", n, best[3], best[4],
					best[0] / 1e6, best[1] / 1e6, best[2] / 1e6, (best[1] + best[2]) / 1e6, best[5] / 1024));
		}
	}

	private static long[] run(String text, int times) {
		long[] t = null;
		for (int i = 0; i < times; i++) {
			Resource r = DiagramModelTest.parse("/virtual/bench.nnet", text);
			long t0 = System.nanoTime();
			DiagramModel model = DiagramModel.of(r, Set.of(), null);
			long t1 = System.nanoTime();
			DiagramLayout.Result layout = new DiagramLayout().layout(model);
			long t2 = System.nanoTime();
			String svg = new SvgExport().toSvg(layout);
			long t3 = System.nanoTime();
			t = new long[] { t1 - t0, t2 - t1, t3 - t2, model.graphs().get(0).nodes().size(),
					model.graphs().get(0).visibleEdges().size(), svg.length() };
		}
		return t;
	}
}
