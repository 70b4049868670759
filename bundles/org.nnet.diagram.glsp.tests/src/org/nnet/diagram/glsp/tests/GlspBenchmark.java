package org.nnet.diagram.glsp.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nnet.diagram.glsp.FileText;
import org.nnet.diagram.tests.DiagramBenchmark;

/**
 * Not a test (runs only with -Dnnet.benchmark=true): the time from a change of the text to the new diagram
 * drawn by the GLSP client in headless Chromium — parsing, core's inference, the diagram model, ELK layout,
 * the GModel, JSON-RPC, and the client's rendering — for generated networks of 100, 500 and 2,000 layers
 * (DiagramBenchmark's). Best of 3 after a warm-up; prints one line per size for docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "nnet.benchmark", matches = "true")
class GlspBenchmark {

	@Test
	void textChangeToDiagramInChromium() throws Exception {
		Path folder = Path.of(System.getProperty("nnet.testOutput", "target"), "glsp-bench");
		Files.createDirectories(folder);
		StringBuilder report = new StringBuilder("layers  elements drawn  server ms (text change -> model sent)  total ms (-> drawn in Chromium)  all runs (server/total)\n");
		for (int layers : new int[] { 100, 500, 2000 }) {
			Path file = folder.resolve("deep" + layers + ".nnet");
			String network = DiagramBenchmark.network(layers);
			Files.writeString(file, network, StandardCharsets.UTF_8);
			FileText text = new FileText(file, null);
			try (ChromiumPage page = new ChromiumPage(text)) {
				page.open(file.getFileName().toString());
				page.waitUntil("the first diagram", () -> page.eval("window.nnet ? window.nnet.revision : 0").getAsInt() >= 1);
				long best = Long.MAX_VALUE;
				long bestServer = 0;
				StringBuilder all = new StringBuilder();
				for (int run = 0; run < 4; run++) {
					int revision = page.eval("window.nnet.revision").getAsInt();
					text.set(network + "// run " + run + "\n");
					long start = System.nanoTime();
					page.connection().textChanged();
					page.waitUntil("the new diagram", () -> page.eval("window.nnet.revision").getAsInt() > revision);
					long ms = (System.nanoTime() - start) / 1_000_000;
					long server = (page.lastModelSent() - start) / 1_000_000;
					if (run > 0) {
						if (ms < best) {
							best = ms;
							bestServer = server;
						}
						all.append(all.isEmpty() ? "" : ", ").append(server).append('/').append(ms);
					}
				}
				int drawn = page.eval("document.querySelectorAll('#nnet-diagram > svg g[id]').length").getAsInt();
				report.append(String.format(Locale.ROOT, "%6d  %15d  %38d  %31d  %s%n", layers, drawn, bestServer, best, all));
			}
		}
		System.out.println(report);
		Files.writeString(folder.resolve("glsp-benchmark.txt"), report.toString(), StandardCharsets.UTF_8);
	}
}
