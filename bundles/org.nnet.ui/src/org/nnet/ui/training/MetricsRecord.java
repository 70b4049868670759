package org.nnet.ui.training;

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
 * One line of a run's metrics stream (the socket or {@code metrics.jsonl}): a batch or an epoch with
 * its loss and metrics; epoch records carry {@code val_} metrics when the training validates.
 */
public record MetricsRecord(boolean epochRecord, int epoch, int batch, Map<String, Double> metrics) {

	/** Parses one JSON line; null if it is not a metrics record. */
	public static MetricsRecord parse(String line) {
		try {
			JsonObject o = JsonParser.parseString(line).getAsJsonObject();
			Map<String, Double> m = new LinkedHashMap<>();
			for (Map.Entry<String, JsonElement> e : o.entrySet()) {
				switch (e.getKey()) {
				case "type", "epoch", "batch", "samples_per_sec", "time" -> {
				}
				default -> {
					if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber()) {
						m.put(e.getKey(), e.getValue().getAsDouble());
					}
				}
				}
			}
			return new MetricsRecord("epoch".equals(o.get("type").getAsString()), o.get("epoch").getAsInt(),
					o.has("batch") ? o.get("batch").getAsInt() : 0, m);
		} catch (RuntimeException e) {
			return null;
		}
	}

	/** Every record of a metrics.jsonl file; lines that do not parse are skipped. */
	public static List<MetricsRecord> read(Path file) throws IOException {
		List<MetricsRecord> out = new ArrayList<>();
		for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			MetricsRecord r = l.isBlank() ? null : parse(l);
			if (r != null) {
				out.add(r);
			}
		}
		return out;
	}
}
