package org.nnet.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Issue 11, item 1: the live-metrics port is only the training's, and the training never waits on it. */
class MetricsChannelTest {
    private static MetricsRecord record(int epoch) {
        return new MetricsRecord(MetricsRecord.Type.BATCH, epoch, 1, Map.of("loss", 0.5), 10, 1);
    }

    @Test
    void aStrangerConnectingFirstIsClosedAndTheTrainingIsStillAccepted() throws Exception {
        String token = MetricsChannel.newToken();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return MetricsChannel.accept(server, token, () -> true);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Socket stranger = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                OutputStream o = stranger.getOutputStream();
                o.write("guess\n{\"type\":\"epoch\",\"epoch\":99,\"batch\":1,\"loss\":0.0}\n\u001b]0;owned\u0007\n".getBytes(StandardCharsets.UTF_8));
                o.flush();
                try (SocketMetrics child = SocketMetrics.connect("localhost", server.getLocalPort(), token)) {
                    Socket real = accepted.get(20, TimeUnit.SECONDS);
                    child.onRecord(record(1));
                    BufferedReader in = new BufferedReader(new InputStreamReader(real.getInputStream(), StandardCharsets.UTF_8));
                    assertEquals(1, MetricsRecord.fromJson(in.readLine()).epoch(), "the first line after the secret is the child's");
                    real.close();
                }
                assertEquals(-1, stranger.getInputStream().read(), "the stranger's connection was closed");
            }
        }
    }

    @Test
    void acceptGivesUpWhenTheChildIsGone() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertNull(MetricsChannel.accept(server, "secret", () -> false));
        }
    }

    @Test
    void aReaderThatNeverReadsDoesNotBlockTheTraining() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SocketMetrics s = SocketMetrics.connect("localhost", server.getLocalPort(), "t");
                Socket peer = server.accept()) {
            assertNotNull(peer);
            long t0 = System.nanoTime();
            // far more than the socket buffers hold (a few MB): before, the training blocked in a write here for good
            for (int i = 0; i < 200_000; i++) {
                s.onRecord(record(i));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 20, "200,000 records took " + seconds + " s");
        }
    }
}
