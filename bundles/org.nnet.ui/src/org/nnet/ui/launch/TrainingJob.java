package org.nnet.ui.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.nnet.ui.training.MetricsRecord;
import org.nnet.ui.training.TrainingRun;
import org.nnet.ui.training.TrainingRuns;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A running training in the Progress view: reads the program's metrics from the loopback socket into
 * its {@link TrainingRun}, reports batches done, and stops the child JVM when cancelled. When the JVM
 * ends, the run is finished, stopped, or failed with the last lines the program wrote to standard error.
 */
final class TrainingJob extends Job {

	/** The job family of trainings. */
	static final Object FAMILY = TrainingJob.class;
	private static final int TICKS = 1000;

	private final TrainingRun run;
	private final ServerSocket server;
	private final String token;
	private final IProcess process;
	private final IProject project;
	private final TrainingOutput output;
	private int worked;
	private final StringBuffer errorText = new StringBuffer();

	TrainingJob(TrainingRun run, ServerSocket server, String token, IProcess process, IProject project, TrainingOutput output) {
		super("Training " + run.training());
		this.run = run;
		this.server = server;
		this.token = token;
		this.process = process;
		this.project = project;
		this.output = output;
		output.onPlan(this::plan);
		setPriority(LONG);
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == FAMILY;
	}

	@Override
	protected void canceling() {
		run.stop();
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		monitor.beginTask("Training " + run.training(), TICKS);
		monitor.subTask("starting the JVM and loading the data");
		watchErrors();
		try (ServerSocket s = server) {
			// only the program that knows the run's secret is read: another local user connecting first is closed
			Socket socket = MetricsHandshake.accept(s, token, () -> !process.isTerminated() && !monitor.isCanceled());
			if (socket != null) {
				read(socket, monitor);
			}
		} catch (IOException e) {
			// the program went away: its exit code and standard error say why
		}
		while (!process.isTerminated()) {
			if (monitor.isCanceled()) {
				run.stop();
			}
			try {
				Thread.sleep(100);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		finish();
		try {
			project.getFolder("runs").refreshLocal(IResource.DEPTH_INFINITE, null);
		} catch (CoreException e) {
			// the Project Explorer shows the run folder after the next refresh
		}
		monitor.done();
		return Status.OK_STATUS;
	}

	private void read(Socket socket, IProgressMonitor monitor) throws IOException {
		try (Socket s = socket;
				BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
			s.setSoTimeout(250);
			while (true) {
				String line;
				try {
					line = in.readLine();
				} catch (SocketTimeoutException e) {
					if (monitor.isCanceled()) {
						run.stop();
						return;
					}
					continue;
				}
				if (line == null) {
					return;
				}
				MetricsRecord r = MetricsRecord.parse(line);
				if (r != null) {
					run.add(r);
					TrainingRuns.changed(run);
					progress(r, monitor);
					if (r.epochRecord()) {
						output.say(epochLine(r, run.plannedEpochs()));
					}
				}
			}
		}
	}

	/** The Console's line of an epoch: "epoch 2/10: loss 0.4312, accuracy 0.8700, val_loss 0.5100". */
	static String epochLine(MetricsRecord r, int epochs) {
		StringBuilder b = new StringBuilder("epoch ").append(r.epoch());
		if (epochs > 0) {
			b.append('/').append(epochs);
		}
		String sep = ": ";
		for (var m : r.metrics().entrySet()) {
			b.append(sep).append(m.getKey()).append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", m.getValue()));
			sep = ", ";
		}
		return b.toString();
	}

	private void progress(MetricsRecord r, IProgressMonitor monitor) {
		long total = run.plannedBatches() * run.plannedEpochs();
		if (!r.epochRecord() && total > 0) {
			long done = (r.epoch() - 1L) * run.plannedBatches() + r.batch();
			int target = (int) Math.min(TICKS, done * TICKS / total);
			if (target > worked) {
				monitor.worked(target - worked);
				worked = target;
			}
		}
		Double loss = r.metrics().get("loss");
		monitor.subTask("epoch " + r.epoch() + (run.plannedEpochs() > 0 ? "/" + run.plannedEpochs() : "")
				+ (r.epochRecord() ? " done" : ", batch " + r.batch()) + (loss == null ? "" : String.format(", loss %.4f", loss)));
	}

	private void watchErrors() {
		if (process.getStreamsProxy() == null) {
			return;
		}
		IStreamMonitor err = process.getStreamsProxy().getErrorStreamMonitor();
		IStreamListener errors = (text, m) -> errorText.append(text);
		err.addListener(errors);
		synchronized (errorText) {
			if (errorText.isEmpty()) {
				errorText.append(err.getContents());
			}
		}
	}

	/** The program's plan: batches per epoch and epochs, the JSON after {@code NNET-PLAN}. */
	private void plan(String json) {
		try {
			JsonObject o = JsonParser.parseString(json).getAsJsonObject();
			run.plan(o.get("batches").getAsLong(), o.get("epochs").getAsInt());
		} catch (RuntimeException e) {
			// not a plan after all
		}
	}

	private void finish() {
		int exit;
		try {
			exit = process.getExitValue();
		} catch (DebugException e) {
			exit = -1;
		}
		if (run.state() == TrainingRun.State.STOPPED) {
			run.finish(TrainingRun.State.STOPPED, "Stopped (exit code " + exit + ").");
		} else if (exit == 0) {
			run.finish(TrainingRun.State.FINISHED, null);
		} else {
			// standard error may still be on its way from the stream readers
			for (int i = 0; i < 40 && lastErrors().isEmpty(); i++) {
				try {
					Thread.sleep(50);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			run.finish(TrainingRun.State.FAILED, "The training stopped with exit code " + exit + ":\n" + lastErrors());
		}
		TrainingRuns.changed(run);
	}

	private String lastErrors() {
		String text = errorText.toString();
		if (text.isBlank() && process.getStreamsProxy() != null) {
			text = process.getStreamsProxy().getErrorStreamMonitor().getContents();
		}
		List<String> lines = new ArrayList<>();
		for (String l : text.split("\\R")) {
			if (!l.isBlank() && !l.startsWith("WARNING")) {
				lines.add(l);
			}
		}
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
	}
}
