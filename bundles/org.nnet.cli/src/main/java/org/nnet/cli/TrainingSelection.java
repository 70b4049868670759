package org.nnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.nnet.model.Element;
import org.nnet.model.Model;
import org.nnet.model.Training;

/** Loads one .nnet file, prints its problems as file:line:column lines, and picks the training a command works on. */
final class TrainingSelection {

	/** The training was not chosen; the message is for the user and the exit code says why. */
	static final class NotSelectedException extends Exception {
		private static final long serialVersionUID = 1L;
		final int exitCode;

		NotSelectedException(String message, int exitCode) {
			super(message);
			this.exitCode = exitCode;
		}
	}

	private TrainingSelection() {
	}

	/**
	 * Loads and validates the file; errors are printed to {@code err} (one line each) and make this throw
	 * with exit code 1, so nothing is generated or trained from a file with errors.
	 */
	static Training select(Path file, String name, PrintStream err) throws NotSelectedException {
		NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
		List<Diagnostic> errors = workspace.diagnostics().stream().filter(Diagnostic::isError).toList();
		if (!errors.isEmpty()) {
			errors.forEach(err::println);
			throw new NotSelectedException(errors.size() + (errors.size() == 1 ? " error" : " errors")
					+ ": fix them (nnet check " + file + " shows every problem) before generating or training", 1);
		}
		List<Training> trainings = new ArrayList<>();
		for (Resource r : workspace.requestedFiles().keySet()) {
			Model m = NnetWorkspace.model(r);
			if (m != null) {
				for (Element e : m.getElements()) {
					if (e instanceof Training t) {
						trainings.add(t);
					}
				}
			}
		}
		List<String> names = trainings.stream().map(Training::getName).toList();
		if (name != null) {
			for (Training t : trainings) {
				if (name.equals(t.getName())) {
					return t;
				}
			}
			throw new NotSelectedException(file + " has no training named " + name
					+ (names.isEmpty() ? "" : ": it has " + String.join(", ", names)), 1);
		}
		if (trainings.isEmpty()) {
			throw new NotSelectedException(file + " declares no training: add a training block", 1);
		}
		if (trainings.size() > 1) {
			throw new NotSelectedException(file + " has several trainings (" + String.join(", ", names)
					+ "): choose one with --training NAME", 1);
		}
		return trainings.get(0);
	}
}
