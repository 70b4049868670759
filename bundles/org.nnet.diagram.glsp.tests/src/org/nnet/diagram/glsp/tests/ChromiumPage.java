package org.nnet.diagram.glsp.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.nnet.diagram.glsp.GlspConnection;
import org.nnet.diagram.glsp.NnetText;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The diagram's web page in headless Chromium (Debian's chromium, driven by playwright-core in a node child
 * process, chromium/driver.mjs) connected to a {@link GlspConnection} in this JVM: the node process bridges the
 * page's JSON-RPC messages over its stdin/stdout, exactly as the SWT Browser's host functions do in Eclipse.
 */
final class ChromiumPage implements AutoCloseable {

	private static final Gson GSON = new Gson();

	private final Process node;
	private final Writer stdin;
	private final GlspConnection connection;
	private final Map<Integer, CompletableFuture<JsonElement>> replies = new ConcurrentHashMap<>();
	private final AtomicInteger ids = new AtomicInteger();
	private final CompletableFuture<Void> ready = new CompletableFuture<>();
	private final StringBuilder errors = new StringBuilder();
	private volatile boolean closed;
	private volatile long lastModelSent;

	/** Starts Chromium and a GLSP server for the text. */
	ChromiumPage(NnetText text) throws IOException {
		Path driver = Path.of(System.getProperty("nnet.driver"));
		Path modules = Path.of(System.getProperty("nnet.nodeModules"));
		if (!Files.isDirectory(modules.resolve("playwright-core"))) {
			throw new IllegalStateException("playwright-core is missing in " + modules + ": build org.nnet.diagram.glsp first (it runs npm ci)");
		}
		Path chromium = Path.of(System.getenv().getOrDefault("NNET_CHROMIUM", "/usr/bin/chromium"));
		if (!Files.isExecutable(chromium)) {
			throw new IllegalStateException(chromium + " is missing: apt-get install -y --no-install-recommends chromium fonts-dejavu-core (.ci/run does)");
		}
		ProcessBuilder pb = new ProcessBuilder("node", driver.toString(), modules.toString());
		pb.redirectError(ProcessBuilder.Redirect.PIPE);
		node = pb.start();
		stdin = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
		connection = new GlspConnection(text, json -> {
			if (json.contains("\"kind\":\"updateModel\"") || json.contains("\"kind\":\"setModel\"")) {
				lastModelSent = System.nanoTime();
			}
			if (!closed) {
				send(Map.of("rpc", json));
			}
		});
		Thread out = new Thread(this::readStdout, "chromium driver stdout");
		out.setDaemon(true);
		out.start();
		Thread err = new Thread(this::readStderr, "chromium driver stderr");
		err.setDaemon(true);
		err.start();
		try {
			ready.get(60, TimeUnit.SECONDS);
		} catch (Exception e) {
			close();
			throw new IllegalStateException("Chromium did not start: " + e + "\n" + errors, e);
		}
	}

	/** When the server last sent a whole diagram ({@link System#nanoTime()}), for benchmarks. */
	long lastModelSent() {
		return lastModelSent;
	}

	/** The server side. */
	GlspConnection connection() {
		return connection;
	}

	/** Opens the diagram page of the built web client. */
	void open(String fileName) {
		Path index = Path.of(System.getProperty("nnet.web"), "index.html");
		if (!Files.isRegularFile(index)) {
			throw new IllegalStateException(index + " is missing: build org.nnet.diagram.glsp first (esbuild writes it)");
		}
		command(Map.of("cmd", "goto", "url", index.toUri() + "?file=" + fileName));
	}

	/** Evaluates a JavaScript expression (or a function's text) in the page; numbers come back as doubles. */
	JsonElement eval(String script) {
		return command(Map.of("cmd", "eval", "script", script));
	}

	/** Moves the mouse to page coordinates, in a few steps (as a hand does). */
	void move(double x, double y) {
		command(Map.of("cmd", "move", "x", x, "y", y));
	}

	/** A mouse click at page coordinates. */
	void click(double x, double y) {
		command(Map.of("cmd", "click", "x", x, "y", y));
	}

	/** Drags with the left button from one point to another, page coordinates. */
	void drag(double x, double y, double toX, double toY) {
		command(Map.of("cmd", "drag", "x", x, "y", y, "toX", toX, "toY", toY));
	}

	/** A double click at page coordinates. */
	void doubleClick(double x, double y) {
		command(Map.of("cmd", "dblclick", "x", x, "y", y));
	}

	/** Presses (true) or releases (false) the left mouse button where the mouse is. */
	void button(boolean down) {
		command(Map.of("cmd", down ? "down" : "up"));
	}

	/** Resizes the page's viewport (CSS pixels). */
	void viewport(int width, int height) {
		command(Map.of("cmd", "viewport", "width", width, "height", height));
	}

	/** Saves a screenshot of the page. */
	void screenshot(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		command(Map.of("cmd", "screenshot", "path", file.toAbsolutePath().toString()));
	}

	/** Waits until the condition holds; fails with what the page and the driver said. */
	void waitUntil(String what, BooleanSupplier condition) {
		long end = System.currentTimeMillis() + 30_000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				String message;
				try {
					message = String.valueOf(eval("window.nnet ? window.nnet.message : 'no page'"));
				} catch (AssertionError e) {
					message = "?";
				}
				throw new AssertionError("Timed out waiting for " + what + "; the page's last message: " + message
						+ "; driver said:\n" + log());
			}
			try {
				Thread.sleep(50);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}

	/** What the driver and the page printed (for failure messages). */
	String log() {
		synchronized (errors) {
			return errors.toString();
		}
	}

	private JsonElement command(Map<String, Object> command) {
		int id = ids.incrementAndGet();
		CompletableFuture<JsonElement> reply = new CompletableFuture<>();
		replies.put(id, reply);
		java.util.Map<String, Object> withId = new java.util.LinkedHashMap<>(command);
		withId.put("id", id);
		send(withId);
		try {
			return reply.get(60, TimeUnit.SECONDS);
		} catch (Exception e) {
			throw new AssertionError("Chromium did not answer " + command.get("cmd") + ": " + e.getMessage() + "\n" + log(), e);
		}
	}

	private void send(Map<String, Object> message) {
		String line = GSON.toJson(message);
		synchronized (stdin) {
			try {
				stdin.write(line);
				stdin.write('\n');
				stdin.flush();
			} catch (IOException e) {
				throw new IllegalStateException("The Chromium driver has gone: " + log(), e);
			}
		}
	}

	private void readStdout() {
		try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				JsonObject o = JsonParser.parseString(line).getAsJsonObject();
				if (o.has("rpc")) {
					connection.fromClient(o.get("rpc").getAsString());
				} else if (o.has("reply")) {
					CompletableFuture<JsonElement> f = replies.remove(o.get("reply").getAsInt());
					if (f != null) {
						if (o.has("error")) {
							f.completeExceptionally(new IllegalStateException(o.get("error").getAsString()));
						} else {
							f.complete(o.get("value"));
						}
					}
				} else if (o.has("ready")) {
					ready.complete(null);
				}
			}
		} catch (IOException | RuntimeException e) {
			synchronized (errors) {
				errors.append("stdout reader: ").append(e).append('\n');
			}
		}
		ready.completeExceptionally(new IllegalStateException("the driver exited"));
	}

	private void readStderr() {
		try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getErrorStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				synchronized (errors) {
					if (errors.length() < 200_000) {
						errors.append(line).append('\n');
					}
				}
			}
		} catch (IOException e) {
			// the process ended
		}
	}

	@Override
	public void close() {
		closed = true;
		connection.close();
		try {
			if (node.isAlive()) {
				send(Map.of("cmd", "close", "id", -1));
				node.waitFor(10, TimeUnit.SECONDS);
			}
		} catch (RuntimeException | InterruptedException e) {
			// closing anyway
		} finally {
			node.destroyForcibly();
		}
	}
}
