package org.nnet.ui.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.nnet.ui.markers.ProblemMarkerUpdater;

/** Driving the workbench from a test on the UI thread: editors, waiting for markers, screenshots. */
final class TestWorkbench {

	static final String GENERIC_EDITOR = "org.eclipse.ui.genericeditor.GenericEditor";

	private TestWorkbench() {
	}

	static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	static ITextEditor open(IFile file) throws CoreException {
		IEditorPart editor = IDE.openEditor(page(), file, GENERIC_EDITOR);
		processEvents(100);
		return (ITextEditor) editor;
	}

	static IDocument document(ITextEditor editor) {
		return editor.getDocumentProvider().getDocument(editor.getEditorInput());
	}

	static ITextViewer viewer(ITextEditor editor) {
		return (ITextViewer) editor.getAdapter(org.eclipse.jface.text.ITextOperationTarget.class);
	}

	/** Runs the UI event loop for about {@code millis}. */
	static void processEvents(long millis) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < end) {
			if (!display.readAndDispatch()) {
				display.timerExec(20, () -> {
				});
				display.sleep();
			}
		}
		while (display.readAndDispatch()) {
			// drain
		}
	}

	/** Processes UI events until the condition holds; fails with the message after the timeout. */
	static void waitUntil(String what, long timeoutMillis, BooleanSupplier condition) {
		long end = System.currentTimeMillis() + timeoutMillis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				throw new AssertionError("Timed out after " + timeoutMillis + " ms waiting for " + what);
			}
			processEvents(50);
		}
	}

	/**
	 * Lets the editors' reconcilers run (they start 500 ms after a change) and the marker jobs they
	 * schedule finish, then processes the events that follow.
	 */
	static void settle() {
		processEvents(1200);
		waitUntil("marker updates and builds to finish", 30_000, TestWorkbench::quiet);
		processEvents(200);
	}

	private static boolean quiet() {
		return Job.getJobManager().find(ResourcesPlugin.FAMILY_AUTO_BUILD).length == 0
				&& Arrays.stream(Job.getJobManager().find(null))
						.noneMatch(j -> j.getName().startsWith("Updating NNet problems"));
	}

	static List<IMarker> markers(IResource resource, int severity) {
		try {
			List<IMarker> out = new ArrayList<>();
			for (IMarker m : resource.findMarkers(ProblemMarkerUpdater.MARKER_TYPE, true, IResource.DEPTH_INFINITE)) {
				if (m.getAttribute(IMarker.SEVERITY, -1) == severity) {
					out.add(m);
				}
			}
			return out;
		} catch (CoreException e) {
			throw new IllegalStateException(e);
		}
	}

	static List<IMarker> errors(IResource resource) {
		return markers(resource, IMarker.SEVERITY_ERROR);
	}

	static String describe(List<IMarker> markers) {
		StringBuilder b = new StringBuilder();
		for (IMarker m : markers) {
			b.append('\n').append(m.getResource().getName()).append(':').append(m.getAttribute(IMarker.LINE_NUMBER, 0))
					.append(": ").append(m.getAttribute(IMarker.MESSAGE, ""));
		}
		return b.toString();
	}

	static String contents(IFile file) throws IOException, CoreException {
		try (InputStream in = file.getContents(true)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** An open workspace project of that name, created if needed. */
	static org.eclipse.core.resources.IProject project(String name) throws CoreException {
		org.eclipse.core.resources.IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		return project;
	}

	/** Creates or overwrites a file of the project (and its folder) with the text. */
	static IFile write(org.eclipse.core.resources.IProject project, String path, String text) throws CoreException {
		IFile file = project.getFile(path);
		createFolders(file.getParent());
		java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
		if (file.exists()) {
			file.setContents(in, IResource.FORCE, null);
		} else {
			file.create(in, IResource.FORCE, null);
		}
		return file;
	}

	/**
	 * Presses the first button with one of the labels (e.g. "Yes") in the next dialog that opens within
	 * 10 s, as a user would; call before the action that opens it.
	 */
	static void pressInNextDialog(String... labels) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + 10_000;
		Runnable[] poll = new Runnable[1];
		poll[0] = () -> {
			for (Shell shell : display.getShells()) {
				if (!shell.isDisposed() && shell.getData() instanceof org.eclipse.jface.dialogs.Dialog) {
					for (String label : labels) {
						org.eclipse.swt.widgets.Button button = button(shell, label);
						if (button != null) {
							button.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
							return;
						}
					}
				}
			}
			if (System.currentTimeMillis() < end) {
				display.timerExec(100, poll[0]);
			}
		};
		display.timerExec(100, poll[0]);
	}

	private static org.eclipse.swt.widgets.Button button(org.eclipse.swt.widgets.Composite parent, String label) {
		for (org.eclipse.swt.widgets.Control c : parent.getChildren()) {
			if (c instanceof org.eclipse.swt.widgets.Button b && b.getText().replace("&", "").equals(label)) {
				return b;
			}
			if (c instanceof org.eclipse.swt.widgets.Composite inner) {
				org.eclipse.swt.widgets.Button found = button(inner, label);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static void createFolders(org.eclipse.core.resources.IContainer container) throws CoreException {
		if (!container.exists() && container instanceof org.eclipse.core.resources.IFolder folder) {
			createFolders(folder.getParent());
			folder.create(true, true, null);
		}
	}

	/** The items of a menu as SWT fills it when it is about to show (contributions included), without "&". */
	static List<org.eclipse.swt.widgets.MenuItem> showMenu(org.eclipse.swt.widgets.Menu menu) {
		menu.notifyListeners(SWT.Show, new org.eclipse.swt.widgets.Event());
		processEvents(100);
		return List.of(menu.getItems());
	}

	/** The item of a shown menu whose label (without "&" and accelerator) is the text; null when there is none. */
	static org.eclipse.swt.widgets.MenuItem item(List<org.eclipse.swt.widgets.MenuItem> items, String text) {
		return items.stream().filter(i -> label(i).equals(text)).findFirst().orElse(null);
	}

	static String label(org.eclipse.swt.widgets.MenuItem item) {
		String t = item.getText().replace("&", "");
		int tab = t.indexOf('\t');
		return (tab < 0 ? t : t.substring(0, tab)).replaceFirst("^\\d+ ", "");
	}

	/** Runs a command as its key binding would, in the active part. */
	static void execute(String commandId) throws Exception {
		PlatformUI.getWorkbench().getService(org.eclipse.ui.handlers.IHandlerService.class).executeCommand(commandId, null);
		processEvents(100);
	}

	static Path outputFolder() {
		return Path.of(System.getProperty("nnet.testOutput", "target"));
	}

	/** Saves a PNG of the workbench window under target/screenshots/. */
	static Path screenshot(String name) {
		Display display = Display.getCurrent();
		processEvents(150);
		Shell shell = display.getActiveShell() != null ? display.getActiveShell()
				: PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		Shell workbench = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		Rectangle bounds = workbench.getBounds();
		if (shell != workbench) {
			bounds = bounds.union(shell.getBounds());
		}
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] {image.getImageData()};
			Path folder = outputFolder().resolve("screenshots");
			Files.createDirectories(folder);
			Path file = folder.resolve(name + ".png");
			loader.save(file.toString(), SWT.IMAGE_PNG);
			return file;
		} catch (IOException e) {
			throw new IllegalStateException(e);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}
}
