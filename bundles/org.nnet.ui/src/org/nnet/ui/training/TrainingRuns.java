package org.nnet.ui.training;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The runs started in this workbench, newest last, and who wants to hear of their progress (the
 * Training view). Listeners are called on the thread that has news: the view moves to the UI thread.
 */
public final class TrainingRuns {

	/** Hears of runs starting, receiving metrics and ending. */
	public interface Listener {
		void changed(TrainingRun run);
	}

	private static final List<TrainingRun> RUNS = new CopyOnWriteArrayList<>();
	private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

	private TrainingRuns() {
	}

	public static void started(TrainingRun run) {
		RUNS.add(run);
		changed(run);
	}

	public static void changed(TrainingRun run) {
		for (Listener l : LISTENERS) {
			l.changed(run);
		}
	}

	/** The runs of this session, oldest first. */
	public static List<TrainingRun> all() {
		return List.copyOf(RUNS);
	}

	/** The newest run of this session, or null. */
	public static TrainingRun latest() {
		return RUNS.isEmpty() ? null : RUNS.get(RUNS.size() - 1);
	}

	public static void addListener(Listener l) {
		LISTENERS.add(l);
	}

	public static void removeListener(Listener l) {
		LISTENERS.remove(l);
	}
}
