package org.nnet.ui.launch;

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
 * The IDE's end of the training program's metrics socket (the runtime's {@code SocketMetrics}): a
 * per-run secret given to the program in the environment variable {@value #TOKEN_ENV}, which the
 * program sends as its first line; connections that do not are closed, and the wait goes on until
 * the program connects. The same protocol as {@code org.nnet.runtime.metrics.MetricsChannel}, which
 * {@code nnet train} uses (the IDE does not load the runtime's jar).
 */
final class MetricsHandshake {
	/** The runtime's {@code SocketMetrics.TOKEN_ENV}. */
	static final String TOKEN_ENV = "NNET_METRICS_TOKEN";
	/** The runtime's {@code ParentWatch.ENV}: the program exits when the IDE does. */
	static final String EXIT_WITH_PARENT_ENV = "NNET_EXIT_WITH_PARENT";

	private MetricsHandshake() {
	}

	/** A new random secret. */
	static String newToken() {
		byte[] b = new byte[32];
		new SecureRandom().nextBytes(b);
		return HexFormat.of().formatHex(b);
	}

	/** The first connection that sends {@code token} first, or null once {@code keepWaiting} says stop. */
	static Socket accept(ServerSocket server, String token, BooleanSupplier keepWaiting) throws IOException {
		server.setSoTimeout(250);
		byte[] expected = token.getBytes(StandardCharsets.US_ASCII);
		while (keepWaiting.getAsBoolean()) {
			Socket s;
			try {
				s = server.accept();
			} catch (SocketTimeoutException e) {
				continue; // the program is still loading its data
			}
			try {
				s.setSoTimeout(2000);
				byte[] hello = firstLine(s.getInputStream());
				if (hello != null && MessageDigest.isEqual(hello, expected)) {
					return s;
				}
			} catch (IOException e) {
				// silent too long: not the program
			}
			s.close();
		}
		return null;
	}

	private static byte[] firstLine(InputStream in) throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		for (int n = 0; n <= 256; n++) {
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
