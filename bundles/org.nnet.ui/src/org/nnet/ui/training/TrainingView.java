package org.nnet.ui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

/**
 * The Training view: the current run's loss and every metric, per batch (thin) and per epoch (thick),
 * validation beside training, live while the program runs; the run history read back from the
 * {@code runs/} folders of the workspace's projects, where ticked runs are overlaid for comparison; the
 * newest GAN sample grid; a stop button. Reading files happens in jobs, drawing on the UI thread.
 */
public final class TrainingView extends ViewPart implements TrainingRuns.Listener {

	/** The view's id. */
	public static final String ID = "org.nnet.ui.training.TrainingView";
	private static final RGB[] PALETTE = { new RGB(31, 119, 180), new RGB(214, 39, 40), new RGB(44, 160, 44), new RGB(148, 103, 189),
			new RGB(255, 127, 14), new RGB(23, 190, 207) };

	private Text status;
	private Table history;
	private Composite charts;
	private ScrolledComposite scroller;
	private Label samples;
	private Image samplesImage;
	private Path samplesShown;
	private Action stop;
	private TrainingRun current;
	private final Map<Path, TrainingRun> historyRuns = new LinkedHashMap<>();
	private boolean refreshQueued;

	@Override
	public void createPartControl(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		status = new Text(parent, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP);
		status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		status.setText("No training yet: Run As > NNet Training on a .nnet file.");
		SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
		sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		history = new Table(sash, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION);
		history.setToolTipText("Run history (runs/ folders): tick runs to overlay them");
		history.addListener(SWT.Selection, e -> {
			if (e.detail == SWT.CHECK) {
				refresh();
			}
		});
		scroller = new ScrolledComposite(sash, SWT.V_SCROLL | SWT.H_SCROLL);
		Composite right = new Composite(scroller, SWT.NONE);
		right.setLayout(new GridLayout(1, false));
		charts = new Composite(right, SWT.NONE);
		charts.setLayout(new GridLayout(2, true));
		charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		samples = new Label(right, SWT.NONE);
		scroller.setContent(right);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		scroller.addListener(SWT.Resize, e -> layoutCharts());
		sash.setWeights(1, 4);

		stop = new Action("Stop", PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ELCL_STOP)) {
			@Override
			public void run() {
				if (current != null) {
					current.stop();
				}
			}
		};
		stop.setToolTipText("Stop the running training (terminates its JVM)");
		stop.setEnabled(false);
		Action reload = new Action("Refresh history",
				PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_TOOL_REDO)) {
			@Override
			public void run() {
				reloadHistory();
			}
		};
		IToolBarManager bar = getViewSite().getActionBars().getToolBarManager();
		bar.add(stop);
		bar.add(reload);
		current = TrainingRuns.latest();
		TrainingRuns.addListener(this);
		reloadHistory();
		refresh();
	}

	@Override
	public void changed(TrainingRun run) {
		Display display = PlatformUI.getWorkbench().getDisplay();
		display.asyncExec(() -> {
			if (status.isDisposed()) {
				return;
			}
			if (TrainingRuns.all().contains(run)) {
				// the newest run of the session, even one that failed before this ran
				current = TrainingRuns.latest();
			}
			if (run.state() != TrainingRun.State.RUNNING || !historyRuns.containsKey(run.folder())) {
				reloadHistory(); // a run that starts is listed (and selected) at once, not only when it ends
			}
			if (!refreshQueued) {
				refreshQueued = true;
				display.timerExec(200, () -> {
					refreshQueued = false;
					if (!status.isDisposed()) {
						refresh();
					}
				});
			}
		});
	}

	/** Reads every project's runs/ folder in a job, then fills the history table. */
	public void reloadHistory() {
		Job job = Job.create("Reading NNet run history", monitor -> {
			Map<Path, TrainingRun> read = new LinkedHashMap<>();
			for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
				IPath location = p.getLocation();
				if (p.isOpen() && location != null) {
					for (Path folder : TrainingRun.folders(location.toPath().resolve("runs"))) {
						try {
							read.put(folder, TrainingRun.read(folder));
						} catch (IOException e) {
							// an unreadable run is left out of the history
						}
					}
				}
			}
			Display.getDefault().asyncExec(() -> fillHistory(read));
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private void fillHistory(Map<Path, TrainingRun> read) {
		if (history.isDisposed()) {
			return;
		}
		Set<Path> checked = new LinkedHashSet<>();
		for (TableItem i : history.getItems()) {
			if (i.getChecked()) {
				checked.add((Path) i.getData());
			}
		}
		historyRuns.clear();
		// the runs of this session as they are now (a running one has no complete metrics.jsonl yet), newest first
		List<TrainingRun> session = new ArrayList<>(TrainingRuns.all());
		java.util.Collections.reverse(session);
		for (TrainingRun r : session) {
			if (r.state() == TrainingRun.State.RUNNING) {
				historyRuns.put(r.folder(), r);
			}
		}
		read.forEach(historyRuns::putIfAbsent);
		history.removeAll();
		for (Map.Entry<Path, TrainingRun> e : historyRuns.entrySet()) {
			TableItem item = new TableItem(history, SWT.NONE);
			TrainingRun r = e.getValue();
			item.setText(r.state() == TrainingRun.State.RUNNING ? r.label() + " (running)" : r.label());
			item.setData(e.getKey());
			item.setChecked(checked.contains(e.getKey()));
			if (current != null && e.getKey().equals(current.folder())) {
				history.setSelection(item);
			}
		}
		refresh();
	}

	/** Redraws the charts from the current run and the ticked history runs. */
	public void refresh() {
		List<TrainingRun> shown = new ArrayList<>();
		if (current != null) {
			shown.add(current);
		}
		for (TableItem i : history.getItems()) {
			TrainingRun r = historyRuns.get(i.getData());
			if (i.getChecked() && r != null && (current == null || !r.folder().equals(current.folder()))) {
				shown.add(r);
			}
		}
		if (shown.isEmpty() && history.getItemCount() > 0) {
			shown.add(historyRuns.get(history.getItem(0).getData()));
		}
		stop.setEnabled(current != null && current.state() == TrainingRun.State.RUNNING);
		if (current != null) {
			String s = current.label() + ": " + current.state().name().toLowerCase() + ", " + current.size() + " records";
			status.setText(current.error() == null ? s : s + "\n" + current.error());
			status.setForeground(status.getDisplay().getSystemColor(current.state() == TrainingRun.State.FAILED ? SWT.COLOR_RED : SWT.COLOR_BLACK));
		}
		Set<String> metrics = new LinkedHashSet<>();
		for (TrainingRun r : shown) {
			for (MetricsRecord m : r.records()) {
				m.metrics().keySet().forEach(k -> metrics.add(k.startsWith("val_") ? k.substring(4) : k));
			}
		}
		if (metrics.isEmpty()) {
			metrics.add("loss");
		}
		List<LossChart> existing = charts();
		int i = 0;
		for (String metric : metrics) {
			LossChart chart = i < existing.size() ? existing.get(i) : new LossChart(charts, SWT.BORDER);
			chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 1, 1));
			List<LossChart.Series> lines = new ArrayList<>();
			for (int r = 0; r < shown.size(); r++) {
				lines.addAll(series(shown.get(r), metric, PALETTE[r % PALETTE.length], shown.size() > 1));
			}
			chart.setSeries(metric, lines);
			i++;
		}
		for (int j = i; j < existing.size(); j++) {
			existing.get(j).dispose();
		}
		showSamples(current != null ? current : shown.isEmpty() ? null : shown.get(0));
		layoutCharts();
	}

	private void layoutCharts() {
		if (scroller.isDisposed()) {
			return;
		}
		Composite content = (Composite) scroller.getContent();
		int width = Math.max(400, scroller.getClientArea().width);
		scroller.setMinSize(content.computeSize(width, SWT.DEFAULT));
		content.layout(true, true);
	}

	private void showSamples(TrainingRun run) {
		Path png = run == null ? null : run.latestSamples();
		if (png == null || png.equals(samplesShown)) {
			return;
		}
		try {
			Image image = new Image(samples.getDisplay(), new ImageData(png.toString()));
			if (samplesImage != null) {
				samplesImage.dispose();
			}
			samplesImage = image;
			samplesShown = png;
			samples.setImage(image);
			samples.setToolTipText("Generator samples: " + png.getFileName());
		} catch (RuntimeException e) {
			// a grid being written: the next refresh shows it
		}
	}

	/** The lines of one metric of one run: batches thin, epochs thick, validation epochs in a lighter tone. */
	static List<LossChart.Series> series(TrainingRun run, String metric, RGB color, boolean named) {
		List<MetricsRecord> records = run.records();
		long perEpoch = run.plannedBatches();
		for (MetricsRecord r : records) {
			if (!r.epochRecord()) {
				perEpoch = Math.max(perEpoch, r.batch());
			}
		}
		List<double[]> batch = new ArrayList<>(), epoch = new ArrayList<>(), val = new ArrayList<>();
		for (MetricsRecord r : records) {
			Double v = r.metrics().get(metric);
			Double vv = r.metrics().get("val_" + metric);
			if (r.epochRecord()) {
				if (v != null) {
					epoch.add(new double[] { r.epoch(), v });
				}
				if (vv != null) {
					val.add(new double[] { r.epoch(), vv });
				}
			} else if (v != null) {
				batch.add(new double[] { r.epoch() - 1 + (double) r.batch() / Math.max(1, perEpoch), v });
			}
		}
		String prefix = named ? run.label() + " " : "";
		RGB light = new RGB((color.red + 2 * 255) / 3, (color.green + 2 * 255) / 3, (color.blue + 2 * 255) / 3);
		RGB dark = new RGB(color.red * 2 / 3, color.green * 2 / 3, color.blue * 2 / 3);
		List<LossChart.Series> out = new ArrayList<>();
		out.add(line(prefix + "batch", light, 1, batch));
		if (!epoch.isEmpty()) {
			out.add(line(prefix + "epoch", color, 2, epoch));
		}
		if (!val.isEmpty()) {
			out.add(line(prefix + "validation", dark, 3, val));
		}
		return out;
	}

	private static LossChart.Series line(String name, RGB color, int width, List<double[]> points) {
		double[] x = new double[points.size()], y = new double[points.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = points.get(i)[0];
			y[i] = points.get(i)[1];
		}
		return new LossChart.Series(name, color, width, x, y);
	}

	/** The run the charts follow (the newest of this session), or null. */
	public TrainingRun currentRun() {
		return current;
	}

	/** The charts, one per metric. */
	public List<LossChart> charts() {
		List<LossChart> out = new ArrayList<>();
		for (Control c : charts.getChildren()) {
			if (c instanceof LossChart l && !l.isDisposed()) {
				out.add(l);
			}
		}
		return out;
	}

	/** The run folders listed in the history. */
	public List<Path> historyFolders() {
		List<Path> out = new ArrayList<>();
		for (TableItem i : history.getItems()) {
			out.add((Path) i.getData());
		}
		return out;
	}

	/** The run folder selected in the history (the run the charts follow), or null. */
	public Path selectedFolder() {
		TableItem[] selected = history.getSelection();
		return selected.length == 0 ? null : (Path) selected[0].getData();
	}

	/** Ticks a history run so that it is overlaid. */
	public void overlay(Path folder) {
		for (TableItem i : history.getItems()) {
			if (folder.equals(i.getData())) {
				i.setChecked(true);
			}
		}
		refresh();
	}

	/** The status line: run, state, and the error of a failed run. */
	public String statusText() {
		return status.getText();
	}

	@Override
	public void setFocus() {
		history.setFocus();
	}

	@Override
	public void dispose() {
		TrainingRuns.removeListener(this);
		if (samplesImage != null) {
			samplesImage.dispose();
		}
		super.dispose();
	}
}
