package org.nnet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnet.ui.tests.TestWorkbench.processEvents;
import static org.nnet.ui.tests.TestWorkbench.screenshot;
import static org.nnet.ui.tests.TestWorkbench.waitUntil;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.TextConsole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.ui.launch.TrainingLaunchConfiguration;
import org.nnet.ui.launch.TrainingLaunchShortcut;
import org.nnet.ui.launch.TrainingOutput;
import org.nnet.ui.training.LossChart;
import org.nnet.ui.training.TrainingRun;
import org.nnet.ui.training.TrainingRuns;
import org.nnet.ui.training.TrainingView;

/**
 * Run As → NNet Training in the workbench on a tiny CSV data set (no network needed): the program is
 * generated into src-gen/, runs in a child JVM, the Training view plots its points and lists the run in
 * its history; a training whose data is broken fails with the program's error in the view.
 */
@ExtendWith(KeepWorkspaceLogOnFailure.class)
class TrainingLaunchTest {

	private static final String MODEL = """
			package tiny

			dataset Points = csv("%s", label: "cls")

			network Tiny {
			    input x: [4]
			    x -> dense(8, activation: relu) -> dense(3, activation: softmax) as y
			    output y
			}

			training TrainTiny {
			    model: Tiny
			    data: Points
			    validation: Points
			    loss: cross_entropy
			    optimizer: adam(lr: 1e-2)
			    batch: 8
			    epochs: 2
			    metrics: accuracy
			    seed: 1
			}
			""";
	private static IProject project;

	@BeforeAll
	static void createProject() throws CoreException {
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1600, 1000);
		project = ResourcesPlugin.getWorkspace().getRoot().getProject("training");
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		StringBuilder csv = new StringBuilder("a,b,c,d,cls\n");
		java.util.Random random = new java.util.Random(1);
		for (int i = 0; i < 48; i++) {
			int c = i % 3;
			for (int j = 0; j < 4; j++) {
				csv.append(String.format(java.util.Locale.ROOT, "%.3f,", random.nextDouble() + c));
			}
			csv.append(c).append('\n');
		}
		write("points.csv", csv.toString());
		write("broken.csv", "a,b,c,d,cls\n1,2,3,4,0\n1,2,3\n");
		write("tiny.nnet", MODEL.formatted("points.csv"));
		write("broken.nnet", MODEL.formatted("broken.csv").replace("Tiny", "Broken").replace("Points", "BrokenPoints"));
	}

	private static void write(String name, String text) throws CoreException {
		IFile f = project.getFile(name);
		var in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
		if (f.exists()) {
			f.setContents(in, true, false, null);
		} else {
			f.create(in, true, null);
		}
	}

	private static TrainingRun launch(String file, String training) throws CoreException {
		int before = TrainingRuns.all().size();
		ILaunchConfigurationWorkingCopy config = TrainingLaunchShortcut.configurationFor(project.getFile(file), training).getWorkingCopy();
		config.setAttribute(TrainingLaunchConfiguration.EPOCHS, "2");
		ILaunchConfiguration saved = config.doSave();
		saved.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
		waitUntil("the run to start", 10_000, () -> TrainingRuns.all().size() > before);
		return TrainingRuns.latest();
	}

	/** Brings the Training view forward (the Console takes the front on the program's output), maximized, and saves a PNG. */
	private static void screenshotOfView(String name) throws CoreException {
		var page = TestWorkbench.page();
		TrainingView view = view();
		page.setPartState(page.getReference(view), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
		processEvents(400);
		screenshot(name);
		page.setPartState(page.getReference(view), org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
		processEvents(100);
	}

	private static TrainingView view() throws CoreException {
		return (TrainingView) TestWorkbench.page().showView(TrainingView.ID);
	}

	@Test
	void aShortTrainingIsPlottedLiveAndAppearsInTheHistory() throws Exception {
		TrainingRun run = launch("tiny.nnet", "TrainTiny");
		TrainingView view = view();
		assertTrue(project.getFolder("src-gen").exists(), "the program is generated into src-gen/");
		assertTrue(project.getFolder("src-gen").isDerived());
		waitUntil("the view to receive points", 180_000, () -> run.size() > 0 && view.charts().stream().mapToInt(LossChart::pointCount).sum() > 0);
		screenshotOfView("training-view-live");
		waitUntil("the training to end", 240_000, () -> run.state() != TrainingRun.State.RUNNING);
		processEvents(500);
		assertEquals(TrainingRun.State.FINISHED, run.state(), view.statusText());
		view.reloadHistory();
		waitUntil("the run to appear in the history", 20_000, () -> view.historyFolders().contains(run.folder()));
		List<String> titles = view.charts().stream().map(LossChart::title).toList();
		assertTrue(titles.contains("loss") && titles.contains("accuracy"), titles.toString());
		LossChart loss = view.charts().get(titles.indexOf("loss"));
		assertTrue(loss.series().stream().anyMatch(s -> s.name().endsWith("validation") && s.size() == 2), "validation per epoch");
		assertTrue(loss.series().stream().anyMatch(s -> s.name().endsWith("batch") && s.size() >= 10), "a point per batch");
		assertTrue(Files.isRegularFile(run.folder().resolve("metrics.jsonl")));

		TrainingRun second = launch("tiny.nnet", "TrainTiny");
		waitUntil("the second training to end", 240_000, () -> second.state() != TrainingRun.State.RUNNING);
		view.reloadHistory();
		waitUntil("both runs in the history", 20_000, () -> view.historyFolders().contains(second.folder()));
		view.overlay(run.folder());
		processEvents(500);
		assertTrue(view.charts().get(0).series().size() >= 6, "two runs overlaid");
		screenshotOfView("training-view-history");
	}

	@Test
	void runAsFromTheProjectExplorerShowsTheRunLiveAndKeepsTheConsoleReadable() throws Exception {
		var file = project.getFile("tiny.nnet");
		ILaunchConfigurationWorkingCopy config = TrainingLaunchShortcut.configurationFor(file, "TrainTiny").getWorkingCopy();
		config.setAttribute(TrainingLaunchConfiguration.EPOCHS, "2");
		config.doSave();
		int before = TrainingRuns.all().size();
		MenuItem nnet = RunFromExplorerTest.runAsItem(file, "NNet Training");
		assertNotNull(nnet, "Run As > NNet Training in the Project Explorer");
		nnet.notifyListeners(SWT.Selection, new Event());
		waitUntil("the run to start", 20_000, () -> TrainingRuns.all().size() > before);
		TrainingRun run = TrainingRuns.latest();
		var page = TestWorkbench.page();
		waitUntil("the Training view in front", 10_000, () -> page.findView(TrainingView.ID) != null && page.isPartVisible(page.findView(TrainingView.ID)));
		TrainingView view = (TrainingView) page.findView(TrainingView.ID);
		waitUntil("the new run selected in the view's run list", 20_000, () -> run.folder().equals(view.selectedFolder()));
		waitUntil("the training to end", 240_000, () -> run.state() != TrainingRun.State.RUNNING);
		assertEquals(TrainingRun.State.FINISHED, run.state(), view.statusText());
		assertTrue(page.isPartVisible(view), "the Console did not hide the Training view");
		TextConsole console = (TextConsole) DebugUITools.getConsole(run.launch().getProcesses()[0]);
		waitUntil("the epochs in the Console", 20_000, () -> console.getDocument().get().contains("epoch 2/2: loss "));
		processEvents(300);
		TestWorkbench.screenshot("run-as-training-view-and-console");
		String text = console.getDocument().get();
		for (String noise : List.of("Added differentiated op", "SLF4J", "{\"type\"", "NNET-PLAN", "sun.misc.Unsafe")) {
			assertFalse(text.contains(noise), noise + " in the Console:\n" + text);
		}
		assertTrue(text.contains("epoch 1/2: loss "), text);
		String log = Files.readString(run.folder().resolve(TrainingOutput.LOG));
		assertTrue(log.contains("NNET-PLAN") && log.contains("epoch 2/2"), "the run folder's log has the whole output:\n" + log);
	}

	@Test
	void aCrashingTrainingShowsItsErrorAndTheWorkbenchStaysResponsive() throws Exception {
		TrainingRun run = launch("broken.nnet", "TrainBroken");
		TrainingView view = view();
		waitUntil("the training to fail", 180_000, () -> {
			processEvents(20); // the UI thread keeps dispatching events while the run goes on
			return run.state() != TrainingRun.State.RUNNING;
		});
		processEvents(800);
		assertEquals(TrainingRun.State.FAILED, run.state());
		assertNotEquals(null, run.error());
		assertTrue(run.error().contains("values but the header"), run.error());
		assertTrue(view.statusText().contains("values but the header"), view.statusText());
		screenshotOfView("training-view-crash");
	}
}
