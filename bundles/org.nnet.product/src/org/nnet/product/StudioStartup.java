package org.nnet.product;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.nnet.diagram.ui.DiagramView;
import org.nnet.ui.wizards.ExamplesProjectWizard;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;

/**
 * Runs once the NNet Studio workbench is up. On the first start of a workspace that has no project, it
 * creates the example project ({@value #EXAMPLES_PROJECT}); it never touches an existing project. With
 * {@code -Dnnet.studio.selftest=FILE} it then writes what a smoke test needs to know about the started
 * IDE to FILE (bundle states, the editor, views and wizards it opened or found, the nodes the Diagram view
 * drew, error markers of the example project) and closes the workbench: the build's product test asserts on
 * that report.
 */
public final class StudioStartup implements IStartup {

	/** The project a fresh workspace gets. */
	public static final String EXAMPLES_PROJECT = "nnet-examples";

	private static final String BUNDLE = "org.nnet.product";
	private static final String EXAMPLES_DONE = "examplesProjectCreated";
	private static final String TRAINING_VIEW = "org.nnet.ui.training.TrainingView";
	private static final String DIAGRAM_VIEW = "org.nnet.diagram.ui.view";
	private static final String[] WIZARDS = { "org.nnet.ui.wizards.newFile", "org.nnet.ui.wizards.examples" };

	@Override
	public void earlyStartup() {
		Job examples = createExamplesProject();
		String report = System.getProperty("nnet.studio.selftest");
		if (report != null && !report.isBlank()) {
			selfTest(examples, Path.of(report));
		}
	}

	/** Schedules the creation of the example project on a workspace's first start; null when there is nothing to do. */
	private static Job createExamplesProject() {
		IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(BUNDLE);
		IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
		if (prefs.getBoolean(EXAMPLES_DONE, false) || root.getProjects().length > 0) {
			return null;
		}
		Job job = new WorkspaceJob("Creating the NNet example project") {
			@Override
			public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
				IProject project = root.getProject(EXAMPLES_PROJECT);
				if (project.exists()) {
					return Status.OK_STATUS;
				}
				try {
					ExamplesProjectWizard.create(project, monitor);
				} catch (IOException e) {
					return Status.error("The NNet example project could not be created: " + e.getMessage(), e);
				}
				prefs.putBoolean(EXAMPLES_DONE, true);
				try {
					prefs.flush();
				} catch (org.osgi.service.prefs.BackingStoreException e) {
					ILog.of(StudioStartup.class).warn("could not remember that the example project was created", e);
				}
				return Status.OK_STATUS;
			}
		};
		job.setRule(root);
		job.schedule();
		return job;
	}

	private static void selfTest(Job examples, Path reportFile) {
		List<String> lines = new ArrayList<>();
		try {
			if (examples != null) {
				examples.join();
			}
			// the creation schedules an auto-build after a delay: start it now and wait for it
			Job.getJobManager().wakeUp(ResourcesPlugin.FAMILY_AUTO_BUILD);
			Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, null);
			lines.add("workbench=" + (PlatformUI.isWorkbenchRunning() ? "running" : "not running"));
			lines.add("product=" + (Platform.getProduct() == null ? "none" : Platform.getProduct().getId()));
			bundleStates(lines);
			IWorkbench workbench = PlatformUI.getWorkbench();
			workbench.getDisplay().syncExec(() -> openParts(workbench, lines));
			lines.add("diagram.nodes=" + drawnDiagramNodes(workbench));
			IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(EXAMPLES_PROJECT);
			lines.add("project=" + (project.isOpen() ? project.getName() : "missing"));
			if (project.isOpen()) {
				lines.add("project.nature=" + project.hasNature("org.nnet.ui.nature"));
				IMarker[] markers = project.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_INFINITE);
				long nnetFiles = countNnetFiles(project);
				lines.add("project.nnetFiles=" + nnetFiles);
				int errors = 0;
				for (IMarker m : markers) {
					if (m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR) {
						errors++;
						lines.add("error.marker=" + m.getResource().getProjectRelativePath() + ":" + m.getAttribute(IMarker.LINE_NUMBER, 0)
								+ ": " + m.getAttribute(IMarker.MESSAGE, ""));
					}
				}
				lines.add("project.errorMarkers=" + errors);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			lines.add("failure=interrupted");
		} catch (CoreException | RuntimeException e) {
			lines.add("failure=" + e);
		}
		lines.add("done=true");
		try {
			Files.createDirectories(reportFile.toAbsolutePath().getParent());
			Files.write(reportFile, lines, StandardCharsets.UTF_8);
		} catch (IOException e) {
			ILog.of(StudioStartup.class).error("could not write the self-test report " + reportFile, e);
		}
		PlatformUI.getWorkbench().getDisplay().asyncExec(() -> PlatformUI.getWorkbench().close());
	}

	/** One line per bundle whose name starts with org.nnet, and the bundles of the whole runtime that did not resolve. */
	private static void bundleStates(List<String> lines) {
		Bundle[] bundles = FrameworkUtil.getBundle(StudioStartup.class).getBundleContext().getBundles();
		List<String> unresolved = new ArrayList<>();
		for (Bundle b : bundles) {
			String state = switch (b.getState()) {
				case Bundle.ACTIVE -> "ACTIVE";
				case Bundle.STARTING -> "STARTING";
				case Bundle.RESOLVED -> "RESOLVED";
				case Bundle.INSTALLED -> "INSTALLED";
				default -> "state " + b.getState();
			};
			if (b.getSymbolicName().startsWith("org.nnet.")) {
				lines.add("bundle." + b.getSymbolicName() + "=" + state);
			}
			if (b.getState() == Bundle.INSTALLED) {
				unresolved.add(b.getSymbolicName() + " (" + whyUnresolved(b) + ")");
			}
		}
		lines.add("bundles.total=" + bundles.length);
		lines.add("bundles.unresolved=" + unresolved.size());
		unresolved.forEach(u -> lines.add("unresolved=" + u));
	}

	/** The framework's own explanation: starting an unresolved bundle fails with the requirement it misses. */
	private static String whyUnresolved(Bundle b) {
		if (b.getHeaders().get("Fragment-Host") != null) {
			return "fragment without a resolved host";
		}
		try {
			b.start(Bundle.START_TRANSIENT);
			return "resolved when started";
		} catch (BundleException e) {
			return e.getMessage().replace('\n', ' ');
		}
	}

	private static void openParts(IWorkbench workbench, List<String> lines) {
		IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
		if (window == null && workbench.getWorkbenchWindowCount() > 0) {
			window = workbench.getWorkbenchWindows()[0];
		}
		lines.add("windows=" + workbench.getWorkbenchWindowCount());
		if (window == null) {
			return;
		}
		lines.add("window.title=" + window.getShell().getText());
		IWorkbenchPage page = window.getActivePage();
		lines.add("perspective=" + (page == null || page.getPerspective() == null ? "none" : page.getPerspective().getId()));
		if (page == null) {
			return;
		}
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(EXAMPLES_PROJECT);
		AtomicReference<String> editor = new AtomicReference<>("none");
		try {
			var file = project.getFile("mnist/mlp.nnet");
			if (file.exists()) {
				var part = IDE.openEditor(page, file);
				editor.set(part == null ? "none" : part.getSite().getId() + " " + part.getTitle());
			}
		} catch (CoreException | RuntimeException e) {
			editor.set("failed: " + e);
		}
		lines.add("editor=" + editor.get());
		lines.add("view.training=" + showView(page, TRAINING_VIEW));
		lines.add("view.diagram=" + showView(page, DIAGRAM_VIEW));
		for (String id : WIZARDS) {
			lines.add("wizard." + id + "=" + (workbench.getNewWizardRegistry().findWizard(id) != null));
		}
	}

	/**
	 * How many nodes the Diagram view's page (the GLSP client in the SWT Browser) has drawn for the open .nnet
	 * editor, waiting up to a minute for the first diagram; -1 when none was drawn.
	 */
	private static int drawnDiagramNodes(IWorkbench workbench) throws InterruptedException {
		long end = System.currentTimeMillis() + 60_000;
		int[] drawn = { -1 };
		int last = -1;
		while (System.currentTimeMillis() < end) {
			workbench.getDisplay().syncExec(() -> drawn[0] = countDrawnNodes(workbench));
			if (drawn[0] > 0 && drawn[0] == last) {
				return drawn[0]; // the same count twice: the fitted diagram is drawn
			}
			last = drawn[0];
			Thread.sleep(500);
		}
		return drawn[0];
	}

	private static int countDrawnNodes(IWorkbench workbench) {
		IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
		IWorkbenchPage page = window == null ? null : window.getActivePage();
		if (page == null || !(page.findView(DIAGRAM_VIEW) instanceof DiagramView view) || view.panel() == null
				|| view.panel().browser() == null) {
			return -1;
		}
		Object n = view.panel().browser().evaluate("if (!window.nnet || window.nnet.revision < 1) return -1; window.nnet.fit();"
				+ " return [...document.querySelectorAll('.nnet-layer, .nnet-input, .nnet-group, .nnet-source')]"
				+ ".filter(e => !e.id.includes('#')).length;");
		return n instanceof Number number ? number.intValue() : -1;
	}

	private static String showView(IWorkbenchPage page, String id) {
		try {
			var view = page.showView(id);
			return view == null ? "none" : view.getSite().getId();
		} catch (CoreException | RuntimeException e) {
			return "failed: " + e;
		}
	}

	private static long countNnetFiles(IProject project) throws CoreException {
		long[] count = { 0 };
		project.accept(r -> {
			if (r.getType() == IResource.FILE && "nnet".equals(r.getFileExtension())) {
				count[0]++;
			}
			return true;
		});
		return count[0];
	}
}
