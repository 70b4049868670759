package org.nnet.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live view of {@code nnet train} in the terminal: one progress bar per epoch (me.tongfei:progressbar)
 * showing the batch, the time left in the epoch, and as its message the loss, the metrics and samples/s;
 * one summary line per finished epoch with the validation figures.
 *
 * <p>A live bar redraws its line with {@code \r}, which only a terminal shows as intended; in a CI log or an IDE
 * console the redraws run together. Off a terminal ({@code System.console()} is null, or the output is not
 * {@code System.out}) the progress is instead one plain line every {@link #LINE_EVERY} batches, then the epoch's line.
 */
final class TrainingProgress implements AutoCloseable {
	/** Batches between two plain progress lines off a terminal. */
	static final int LINE_EVERY = 50;
	private final PrintStream out;
	private final boolean live;
	private ProgressBar bar;
	private int barEpoch;
	private long batchesPerEpoch = -1;
	private int epochs = -1;

	TrainingProgress(PrintStream out) {
		this(out, out == System.out && System.console() != null);
	}

	/** A progress view with a live bar ({@code live}) or plain lines. */
	TrainingProgress(PrintStream out, boolean live) {
		this.out = out;
		this.live = live;
	}

	/** What the program announced: batches per epoch and epochs. */
	synchronized void plan(long batches, int epochs) {
		this.batchesPerEpoch = batches;
		this.epochs = epochs;
	}

	synchronized void onRecord(MetricsLine r) {
		if (r.epochRecord()) {
			closeBar();
			out.println(String.format(Locale.ROOT, "epoch %d%s: %s  %.0f samples/s  %.1f s", r.epoch(), epochs > 0 ? "/" + epochs : "",
					describe(r.metrics()), r.samplesPerSec(), r.time()));
			return;
		}
		if (!live) {
			if (r.batch() % LINE_EVERY == 0) {
				out.println(String.format(Locale.ROOT, "epoch %d%s batch %d%s: %s  %.0f samples/s", r.epoch(), epochs > 0 ? "/" + epochs : "",
						r.batch(), batchesPerEpoch > 0 ? "/" + batchesPerEpoch : "", describe(r.metrics()), r.samplesPerSec()));
			}
			return;
		}
		if (bar == null || barEpoch != r.epoch()) {
			closeBar();
			barEpoch = r.epoch();
			bar = new ProgressBarBuilder().setTaskName("epoch " + r.epoch() + (epochs > 0 ? "/" + epochs : ""))
					.setInitialMax(batchesPerEpoch).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
					.setConsumer(new ConsoleProgressBarConsumer(out, 150)).setUnit(" batches", 1).setMaxRenderedLength(150)
					.continuousUpdate().build();
		}
		bar.stepTo(r.batch());
		bar.setExtraMessage(describe(r.metrics()) + String.format(Locale.ROOT, "  %.0f samples/s", r.samplesPerSec()));
	}

	static String describe(Map<String, Double> metrics) {
		StringBuilder b = new StringBuilder();
		metrics.forEach((k, v) -> {
			if (b.length() > 0) {
				b.append("  ");
			}
			b.append(k).append(' ').append(String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.1f" : "%.4f", v));
		});
		return b.toString();
	}

	private void closeBar() {
		if (bar != null) {
			bar.close();
			bar = null;
		}
	}

	@Override
	public synchronized void close() {
		closeBar();
	}
}
