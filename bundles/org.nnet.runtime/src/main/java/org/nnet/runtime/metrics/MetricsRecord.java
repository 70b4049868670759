package org.nnet.runtime.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One line of the metrics stream: the figures of one batch or of one epoch.
 *
 * @param type           {@link Type#BATCH} or {@link Type#EPOCH}
 * @param epoch          epoch, from 1
 * @param batch          batch within the epoch, from 1; on an epoch record the number of batches
 * @param metrics        metric name to value, in order; {@code loss} first
 * @param samplesPerSec  training throughput of the batch or the epoch
 * @param time           seconds since the run started
 */
public record MetricsRecord(Type type, int epoch, int batch, Map<String, Double> metrics, double samplesPerSec, double time) {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Kind of record. */
    public enum Type {
        /** One training batch. */
        BATCH,
        /** One whole epoch, with validation figures if there is validation data. */
        EPOCH;

        /** The JSON spelling. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Copies the metrics so the record cannot change afterwards. */
    public MetricsRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of a metric, or NaN if the record has none of that name. */
    public double get(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }

    /** The record as one line of JSON, without the line break. */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", type.json());
            g.writeNumberField("epoch", epoch);
            g.writeNumberField("batch", batch);
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                writeNumber(g, e.getKey(), e.getValue());
            }
            writeNumber(g, "samples_per_sec", samplesPerSec);
            writeNumber(g, "time", time);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void writeNumber(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    /** Parses a line written by {@link #toJson()}; fields other than the fixed ones become metrics. */
    public static MetricsRecord fromJson(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            Map<String, Double> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> {
                switch (e.getKey()) {
                case "type", "epoch", "batch", "samples_per_sec", "time" -> {
                }
                default -> m.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble());
                }
            });
            return new MetricsRecord(Type.valueOf(n.get("type").asText().toUpperCase(java.util.Locale.ROOT)), n.get("epoch").asInt(),
                    n.get("batch").asInt(), m, n.path("samples_per_sec").asDouble(Double.NaN), n.path("time").asDouble(Double.NaN));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a metrics line: " + line, e);
        }
    }
}
