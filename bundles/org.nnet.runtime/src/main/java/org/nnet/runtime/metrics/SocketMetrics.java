package org.nnet.runtime.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends the metrics stream, one JSON object per line, to a TCP socket on this machine where
 * {@code nnet train} or the IDE's live training view listens. Only loopback addresses are accepted.
 * <p>
 * The listener is the one that started this program: it gives a per-run secret in the environment
 * variable {@value #TOKEN_ENV} (never on the command line, which other users can read), and the
 * first line sent is that secret, so the listener can close any other connection. Lines are
 * written by a daemon thread from a bounded queue: training never blocks on a slow or stalled
 * reader. When the queue is full, records are dropped and that is said once on standard error
 * (metrics.jsonl has every line); when the reader goes away the socket is dropped.
 */
public final class SocketMetrics implements MetricsListener {
    /** The environment variable holding the per-run secret the listener expects as the first line. */
    public static final String TOKEN_ENV = "NNET_METRICS_TOKEN";
    /** Lines waiting for the reader at most; more are dropped. */
    static final int QUEUE = 4096;
    private static final String END = new String("end of stream"); // compared by identity: no record is this object

    private final Socket socket;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile boolean broken;
    private boolean droppedSaid;

    private SocketMetrics(Socket socket, String token) throws IOException {
        this.socket = socket;
        OutputStream out = socket.getOutputStream();
        if (token != null && !token.isEmpty()) {
            queue.add(token);
        }
        writer = new Thread(() -> pump(out), "nnet-metrics-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void pump(OutputStream out) {
        try {
            while (true) {
                String line = queue.take();
                if (line == END) {
                    out.flush();
                    return;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            broken = true;
            System.err.println("The live metrics view closed its socket (" + e.getMessage() + "); training goes on, metrics.jsonl has every line.");
            closeSocket();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Connects to the listener, sending the secret of {@value #TOKEN_ENV} first when it is set.
     *
     * @param host a loopback host: {@code localhost}, {@code 127.0.0.1} or {@code ::1}
     * @param port the port the IDE listens on
     * @throws IllegalArgumentException if the host is not a loopback address
     * @throws IOException              if nothing listens there
     */
    public static SocketMetrics connect(String host, int port) throws IOException {
        return connect(host, port, System.getenv(TOKEN_ENV));
    }

    /** Connects to the listener and sends {@code token} (if not null) as the first line. */
    public static SocketMetrics connect(String host, int port, String token) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown metrics host '" + host + "': use localhost.", e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("The metrics socket must be on this machine, but " + host + " is " + address
                    + ": use localhost.");
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(address, port), 5000);
        return new SocketMetrics(s, token);
    }

    @Override
    public void onRecord(MetricsRecord record) {
        if (broken) {
            return;
        }
        if (!queue.offer(record.toJson())) {
            synchronized (this) {
                if (!droppedSaid) {
                    droppedSaid = true;
                    System.err.println("The live metrics view reads too slowly: some records are not shown there; metrics.jsonl has every line.");
                }
            }
        }
    }

    @Override
    public void close() {
        if (!broken && queue.offer(END)) {
            try {
                // give the writer a moment to send what is queued, never long
                writer.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.interrupt();
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing to do
        }
    }
}
