package org.nnet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One record of a run's metrics stream ({@code metrics.jsonl}, or the socket): a batch or an epoch with
 * its loss and metrics ({@code val_} ones on epochs with validation).
 */
record MetricsLine(boolean epochRecord, int epoch, int batch, Map<String, Double> metrics, double samplesPerSec, double time) {

	/** Parses one JSON line; null if it is not a metrics record. */
	static MetricsLine parse(String line) {
		try {
			JsonObject o = JsonParser.parseString(line).getAsJsonObject();
			Map<String, Double> m = new LinkedHashMap<>();
			for (Map.Entry<String, JsonElement> e : o.entrySet()) {
				switch (e.getKey()) {
				case "type", "epoch", "batch", "samples_per_sec", "time" -> {
				}
				default -> m.put(e.getKey(), e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble());
				}
			}
			return new MetricsLine("epoch".equals(o.get("type").getAsString()), o.get("epoch").getAsInt(), o.get("batch").getAsInt(), m,
					number(o, "samples_per_sec"), number(o, "time"));
		} catch (RuntimeException e) {
			return null;
		}
	}

	private static double number(JsonObject o, String key) {
		JsonElement e = o.get(key);
		return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
	}

	/** The value of a metric, NaN when absent. */
	double get(String name) {
		return metrics.getOrDefault(name, Double.NaN);
	}

	/** Every record of a metrics.jsonl file (lines that do not parse are skipped). */
	static List<MetricsLine> read(Path file) throws IOException {
		List<MetricsLine> out = new ArrayList<>();
		for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			MetricsLine m = l.isBlank() ? null : parse(l);
			if (m != null) {
				out.add(m);
			}
		}
		return out;
	}
}
