package org.nnet.ui.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training JVM as the Console sees it: every line the program and its libraries write goes to
 * {@value #LOG} in the run folder; the Console gets what a person reads (the program's messages, errors,
 * one line per epoch written by {@link #say}), not library logging (ND4J's "Added differentiated op …",
 * SLF4J's binding warnings, the JVM's warnings about unsafe memory access), nor the machine lines (raw
 * JSON metrics, the {@code NNET-PLAN} line, which goes to the plan listener).
 */
public final class TrainingOutput extends Process {

	/** The file in the run folder that has the program's whole output. */
	public static final String LOG = "train.log"; // the name nnet train gives it: one run folder layout
	private static final String PLAN = "NNET-PLAN ";
	/** Library and JVM lines: kept in the log, left out of the Console. */
	private static final List<Pattern> NOISE = Stream.of(
			"Added differentiated op .*",
			"SLF4J(\\([A-Z]\\))?: .*",
			"WARNING: (A terminally deprecated method in sun\\.misc\\.Unsafe|sun\\.misc\\.Unsafe::|Please consider reporting this to the maintainers"
					+ "|A restricted method in java\\.lang\\.System|java\\.lang\\.System::load|Use --enable-native-access|Restricted methods will be blocked).*",
			"\\{.*\\}") // raw JSON: the metrics, which the Training view plots
			.map(Pattern::compile).toList();
	private static final byte[] EOF = new byte[0];

	private final Process child;
	private final Writer log;
	private final LineStream out = new LineStream();
	private final LineStream err = new LineStream();
	private volatile Consumer<String> plan = line -> {
	};
	private int pumping = 2;

	/** Wraps a started child JVM; {@link #start} begins to read its output. */
	public TrainingOutput(Process child, Path runDir) throws IOException {
		this.child = child;
		this.log = Files.newBufferedWriter(runDir.resolve(LOG), StandardCharsets.UTF_8);
	}

	/** Who hears of the program's {@code NNET-PLAN} line (its text after the prefix). */
	public void onPlan(Consumer<String> listener) {
		this.plan = listener;
	}

	/** Starts reading the child's standard output and error. */
	public void start(String name) {
		pump(child.getInputStream(), out, name + " output");
		pump(child.getErrorStream(), err, name + " errors");
	}

	/** Writes a line for people to the Console (and the log). */
	public void say(String line) {
		logLine(line);
		out.add(line);
	}

	/** Whether a line of the program's output belongs in the Console. */
	public static boolean forPeople(String line) {
		if (line.isBlank() || line.startsWith(PLAN)) {
			return false;
		}
		String t = line.strip();
		return NOISE.stream().noneMatch(p -> p.matcher(t).matches());
	}

	private void pump(InputStream from, LineStream to, String name) {
		Thread t = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(from, Charset.defaultCharset()))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					logLine(line);
					if (line.startsWith(PLAN)) {
						plan.accept(line.substring(PLAN.length()));
					} else if (forPeople(line)) {
						to.add(line);
					}
				}
			} catch (IOException e) {
				// the child went away
			} finally {
				to.close();
				pumped();
			}
		}, name);
		t.setDaemon(true);
		t.start();
	}

	private synchronized void logLine(String line) {
		try {
			log.write(line);
			log.write('\n');
			log.flush();
		} catch (IOException e) {
			// the run folder went away: the Console still has the line
		}
	}

	private synchronized void pumped() {
		if (--pumping == 0) {
			try {
				log.close();
			} catch (IOException e) {
				// nothing more to write
			}
		}
	}

	@Override
	public OutputStream getOutputStream() {
		return child.getOutputStream();
	}

	@Override
	public InputStream getInputStream() {
		return out;
	}

	@Override
	public InputStream getErrorStream() {
		return err;
	}

	@Override
	public int waitFor() throws InterruptedException {
		return child.waitFor();
	}

	@Override
	public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
		return child.waitFor(timeout, unit);
	}

	@Override
	public int exitValue() {
		return child.exitValue();
	}

	@Override
	public boolean isAlive() {
		return child.isAlive();
	}

	@Override
	public void destroy() {
		child.destroy();
	}

	@Override
	public Process destroyForcibly() {
		child.destroyForcibly();
		return this;
	}

	@Override
	public long pid() {
		return child.pid();
	}

	@Override
	public ProcessHandle toHandle() {
		return child.toHandle();
	}

	@Override
	public CompletableFuture<Process> onExit() {
		return child.onExit().thenApply(p -> this);
	}

	/** Lines handed from a reader thread to the Console's reader, closed at the end of the child's stream. */
	private static final class LineStream extends InputStream {
		private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
		private byte[] current = new byte[0];
		private int position;
		private boolean closed;
		private volatile boolean ended;

		void add(String line) {
			if (!ended) {
				lines.add((line + System.lineSeparator()).getBytes(Charset.defaultCharset()));
			}
		}

		@Override
		public void close() {
			if (!ended) {
				ended = true;
				lines.add(EOF);
			}
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public synchronized int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			while (position == current.length) {
				if (closed) {
					return -1;
				}
				try {
					current = lines.take();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", e);
				}
				position = 0;
				if (current == EOF) {
					closed = true;
				}
			}
			int n = Math.min(len, current.length - position);
			System.arraycopy(current, position, b, off, n);
			position += n;
			return n;
		}

		@Override
		public int available() {
			return current.length - position;
		}
	}
}
