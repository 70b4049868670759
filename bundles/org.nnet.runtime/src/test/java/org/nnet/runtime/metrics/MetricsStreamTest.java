package org.nnet.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsStreamTest {
    @TempDir
    Path dir;

    private static MetricsRecord record(MetricsRecord.Type type, int epoch, double loss) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("accuracy", 0.5);
        return new MetricsRecord(type, epoch, 3, m, 100, 1.5);
    }

    @Test
    void lineHasTheDocumentedFieldsInOrder() {
        assertEquals("{\"type\":\"batch\",\"epoch\":1,\"batch\":3,\"loss\":0.25,\"accuracy\":0.5,\"samples_per_sec\":100.0,\"time\":1.5}",
                record(MetricsRecord.Type.BATCH, 1, 0.25).toJson());
        assertTrue(record(MetricsRecord.Type.EPOCH, 1, Double.NaN).toJson().contains("\"loss\":null"), "NaN is written as null");
    }

    @Test
    void fileResumeDropsLinesOfUnfinishedEpochs() throws Exception {
        try (JsonLinesFile f = JsonLinesFile.create(dir)) {
            f.onRecord(record(MetricsRecord.Type.BATCH, 1, 1));
            f.onRecord(record(MetricsRecord.Type.EPOCH, 1, 1));
            f.onRecord(record(MetricsRecord.Type.BATCH, 2, 1));
        }
        // a kill while the buffered writer flushed leaves half a line at the end
        java.nio.file.Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"batch\",\"epo",
                java.nio.file.StandardOpenOption.APPEND);
        try (JsonLinesFile f = JsonLinesFile.resume(dir, 1)) {
            f.onRecord(record(MetricsRecord.Type.BATCH, 2, 0.5));
        }
        List<MetricsRecord> all = JsonLinesFile.read(dir.resolve("metrics.jsonl"));
        assertEquals(3, all.size());
        assertEquals(0.5, all.get(2).get("loss"));
    }

    @Test
    void socketSendsLinesToALoopbackListener() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (SocketMetrics s = SocketMetrics.connect("localhost", server.getLocalPort()); Socket peer = server.accept()) {
                s.onRecord(record(MetricsRecord.Type.EPOCH, 2, 0.125));
                BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
                MetricsRecord got = MetricsRecord.fromJson(in.readLine());
                assertEquals(2, got.epoch());
                assertEquals(0.125, got.get("loss"));
            }
        }
    }

    @Test
    void socketRefusesHostsOffThisMachine() {
        assertThrows(IllegalArgumentException.class, () -> SocketMetrics.connect("192.0.2.1", 9));
    }
}
