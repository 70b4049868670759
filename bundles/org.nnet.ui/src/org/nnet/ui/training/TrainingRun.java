package org.nnet.ui.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;

/**
 * One training run: its folder ({@code runs/<training>/<timestamp>/}), the metrics received so far, and
 * while it runs its launch. Runs read back from disk have no launch. Records are added from the thread
 * that reads the metrics socket; readers take {@link #records()} copies.
 */
public final class TrainingRun {

	/** Where a run is. */
	public enum State {
		RUNNING, FINISHED, FAILED, STOPPED
	}

	private final String training;
	private final Path folder;
	private final List<MetricsRecord> records = new CopyOnWriteArrayList<>();
	private volatile State state;
	private volatile String error;
	private volatile ILaunch launch;
	private volatile long plannedBatches;
	private volatile int plannedEpochs;

	/** A run of a training in its folder. */
	public TrainingRun(String training, Path folder, State state) {
		this.training = training;
		this.folder = folder;
		this.state = state;
	}

	/** Reads a finished run back from its folder's {@code metrics.jsonl}. */
	public static TrainingRun read(Path folder) throws IOException {
		TrainingRun run = new TrainingRun(folder.getParent().getFileName().toString(), folder, State.FINISHED);
		Path metrics = folder.resolve("metrics.jsonl");
		if (Files.isRegularFile(metrics)) {
			run.records.addAll(MetricsRecord.read(metrics));
		}
		return run;
	}

	/** The run folders under a {@code runs/} folder ({@code runs/<training>/<timestamp>/}), newest first. */
	public static List<Path> folders(Path runs) {
		List<Path> out = new ArrayList<>();
		if (!Files.isDirectory(runs)) {
			return out;
		}
		try (Stream<Path> trainings = Files.list(runs)) {
			for (Path t : trainings.filter(Files::isDirectory).toList()) {
				try (Stream<Path> stamps = Files.list(t)) {
					stamps.filter(p -> Files.isRegularFile(p.resolve("metrics.jsonl"))).forEach(out::add);
				}
			}
		} catch (IOException e) {
			// an unreadable runs folder has no history to show
		}
		out.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
		return out;
	}

	public String training() {
		return training;
	}

	public Path folder() {
		return folder;
	}

	/** A short label: training and timestamp. */
	public String label() {
		return training + " " + folder.getFileName();
	}

	public List<MetricsRecord> records() {
		return List.copyOf(records);
	}

	public int size() {
		return records.size();
	}

	/** Adds a record received from the running program. */
	public void add(MetricsRecord r) {
		records.add(r);
	}

	public State state() {
		return state;
	}

	/** The error of a failed run, as the program reported it. */
	public String error() {
		return error;
	}

	public void finish(State s, String message) {
		this.error = message;
		this.state = s;
	}

	public ILaunch launch() {
		return launch;
	}

	public void attach(ILaunch l) {
		this.launch = l;
	}

	public void plan(long batchesPerEpoch, int epochs) {
		this.plannedBatches = batchesPerEpoch;
		this.plannedEpochs = epochs;
	}

	public long plannedBatches() {
		return plannedBatches;
	}

	public int plannedEpochs() {
		return plannedEpochs;
	}

	/** Stops a running run by terminating its launch. */
	public void stop() {
		ILaunch l = launch;
		if (l != null && !l.isTerminated()) {
			try {
				l.terminate();
			} catch (DebugException e) {
				// already gone
			}
			state = State.STOPPED;
		}
	}

	/** The newest GAN sample grid ({@code samples/epoch-NNN.png}), or null. */
	public Path latestSamples() {
		Path dir = folder.resolve("samples");
		if (!Files.isDirectory(dir)) {
			return null;
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.png")).max(Path::compareTo).orElse(null);
		} catch (IOException e) {
			return null;
		}
	}
}
