package org.nnet.runtime.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/**
 * The listening end of {@link SocketMetrics}, for the program that starts a training JVM: a per-run
 * secret to give the child in the environment variable {@link SocketMetrics#TOKEN_ENV}, and an accept
 * loop that closes every connection whose first line is not that secret and goes on accepting until
 * the real child connects (or the child is gone).
 */
public final class MetricsChannel {
    /** How long a connection may take to send its first line. */
    private static final int HELLO_MILLIS = 2000;
    private static final int MAX_HELLO = 256;

    private MetricsChannel() {
    }

    /** A new random secret: 32 bytes as hex. */
    public static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Accepts connections on {@code server} until one sends {@code token} as its first line, and returns
     * it (positioned after that line); others are closed and ignored.
     *
     * @param keepWaiting asked between attempts: false ends the wait (the child exited, the user cancelled)
     * @return the child's connection, or null when {@code keepWaiting} said stop
     */
    public static Socket accept(ServerSocket server, String token, BooleanSupplier keepWaiting) throws IOException {
        server.setSoTimeout(250);
        byte[] expected = token.getBytes(StandardCharsets.US_ASCII);
        while (keepWaiting.getAsBoolean()) {
            Socket s;
            try {
                s = server.accept();
            } catch (SocketTimeoutException e) {
                continue; // the child is still loading its data
            }
            try {
                s.setSoTimeout(HELLO_MILLIS);
                byte[] hello = firstLine(s.getInputStream());
                if (hello != null && MessageDigest.isEqual(hello, expected)) {
                    s.setSoTimeout(0);
                    return s;
                }
            } catch (IOException e) {
                // a connection that says nothing in time is not the child's
            }
            s.close();
        }
        return null;
    }

    /** The first line's bytes (without the newline), or null when it is too long or the stream ends first. */
    private static byte[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int n = 0; n <= MAX_HELLO; n++) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                return b.toByteArray();
            }
            b.write(c);
        }
        return null;
    }
}
