package org.nnet.runtime.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Sends the metrics stream, one JSON object per line, to a TCP socket on this machine where the
 * IDE's live training view listens. Only loopback addresses are accepted. If the IDE goes away the
 * run goes on: the first failure is reported once on standard error and the socket is dropped.
 */
public final class SocketMetrics implements MetricsListener {
    private Socket socket;
    private BufferedWriter out;

    private SocketMetrics(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Connects to the listener.
     *
     * @param host a loopback host: {@code localhost}, {@code 127.0.0.1} or {@code ::1}
     * @param port the port the IDE listens on
     * @throws IllegalArgumentException if the host is not a loopback address
     * @throws IOException              if nothing listens there
     */
    public static SocketMetrics connect(String host, int port) throws IOException {
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
        return new SocketMetrics(s);
    }

    @Override
    public synchronized void onRecord(MetricsRecord record) {
        if (out == null) {
            return;
        }
        try {
            out.write(record.toJson());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            System.err.println("The live metrics view closed its socket (" + e.getMessage() + "); training goes on, metrics.jsonl has every line.");
            close();
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a broken connection: nothing to do
        }
        socket = null;
        out = null;
    }
}
