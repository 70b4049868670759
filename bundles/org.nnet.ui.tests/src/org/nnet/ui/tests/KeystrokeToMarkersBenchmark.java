package org.nnet.ui.tests;

import static org.nnet.ui.tests.TestWorkbench.document;
import static org.nnet.ui.tests.TestWorkbench.errors;
import static org.nnet.ui.tests.TestWorkbench.open;
import static org.nnet.ui.tests.TestWorkbench.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.junit.jupiter.api.Test;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.SourceCache;

/**
 * Benchmark, not a test (its name keeps it out of the build's test run): time from a keystroke to
 * updated markers in the .nnet editor, on a generated 2,000-layer file in a project that also holds
 * the seven examples. Run with
 * {@code ./mvnw -B -ntp -o verify -pl <the ui bundles> -Dtest=KeystrokeToMarkersBenchmark}; it prints
 * lines starting with {@code BENCH}. Measures (median of several rounds, after warm-up):
 * <ul>
 * <li>the reconciler's work per keystroke, before (every .nnet file of the project parsed again, as
 * the reconciler did until the cache) and after (only the edited document parsed, {@link SourceCache});
 * <li>end to end in the workbench: a document change until its error marker exists, and until it is
 * gone after the change is undone (includes the Generic Editor's 500 ms reconciler delay).
 * </ul>
 */
class KeystrokeToMarkersBenchmark {

	private static final int LAYERS = 2000;
	private static final int ROUNDS = 7;

	/** A network of {@code layers} dense layers, one per line. */
	static String generated(int layers) {
		StringBuilder b = new StringBuilder("package bench\n\nnetwork Big {\n    input x: [32]\n    x");
		for (int i = 0; i < layers; i++) {
			b.append("\n        -> dense(32, activation: relu)");
		}
		b.append(" as out\n    output out\n}\n");
		return b.toString();
	}

	@Test
	void keystrokeToMarkers() throws Exception {
		PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1600, 1000);
		IProject project = TestWorkbench.project("bench");
		Path examples = Path.of(System.getProperty("nnet.examples", "../../examples"));
		try (Stream<Path> files = Files.walk(examples)) {
			for (Path p : files.filter(f -> f.toString().endsWith(".nnet")).sorted().toList()) {
				TestWorkbench.write(project, "examples/" + examples.relativize(p), Files.readString(p));
			}
		}
		IFile big = TestWorkbench.write(project, "big.nnet", generated(LAYERS));
		IFile small = project.getFile("examples/mnist/mlp.nnet");
		System.out.println("BENCH project: " + ProjectSources.nnetFiles(project).size() + " .nnet files; big.nnet "
				+ LAYERS + " layers, " + ProjectSources.textOf(big).length() + " chars");

		for (IFile edited : List.of(big, small)) {
			String text = ProjectSources.textOf(edited);
			String typed = text.replace("output ", "output x_") ; // a keystroke that makes an unknown name
			IResourceValidator validator = NnetLanguage.injector().getInstance(IResourceValidator.class);
			double before = median(() -> ProjectSources.withText(edited, typed).validate(edited).size());
			SourceCache.withText(edited, text, r -> 0); // the cache as the open editor leaves it
			double after = median(() -> {
				String t = typed + " ".repeat(counter++ % 3); // a new text each round, as typing gives
				return SourceCache.withText(edited, t, r -> validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl)).size();
			});
			System.out.printf(Locale.ROOT, "BENCH reconcile work, editing %s: before %.0f ms (all files parsed), after %.0f ms (cached siblings)%n",
					edited.getName(), before, after);
		}

		for (IFile edited : List.of(big, small)) {
			ITextEditor editor = open(edited);
			IDocument document = document(editor);
			TestWorkbench.settle();
			List<Long> appear = new ArrayList<>();
			List<Long> vanish = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				int at = document.get().lastIndexOf("output ") + "output ".length();
				long t0 = System.nanoTime();
				document.replace(at, 0, "x_");
				waitUntil("the marker", 60_000, () -> !errors(edited).isEmpty());
				appear.add((System.nanoTime() - t0) / 1_000_000);
				long t1 = System.nanoTime();
				document.replace(at, 2, "");
				waitUntil("the marker to go", 60_000, () -> errors(edited).isEmpty());
				vanish.add((System.nanoTime() - t1) / 1_000_000);
			}
			System.out.printf(Locale.ROOT,
					"BENCH keystroke to marker, editing %s: appears after %d ms, goes after %d ms (median of %d; all: %s / %s)%n",
					edited.getName(), medianOf(appear), medianOf(vanish), ROUNDS, appear, vanish);
			editor.doRevertToSaved();
			TestWorkbench.page().closeAllEditors(false);
		}
	}

	private static int counter;

	private static double median(Supplier<Integer> work) {
		work.get();
		work.get(); // warm-up
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < ROUNDS; i++) {
			long t0 = System.nanoTime();
			work.get();
			times.add((System.nanoTime() - t0) / 1_000_000);
		}
		return medianOf(times);
	}

	private static long medianOf(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}
}
