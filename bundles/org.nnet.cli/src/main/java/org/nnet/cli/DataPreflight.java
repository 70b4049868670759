package org.nnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nnet.core.inference.Port;
import org.nnet.core.shape.Shape;
import org.nnet.generator.DataUse;
import org.nnet.generator.TrainingGenerator;
import org.nnet.model.Training;
import org.nnet.runtime.data.ClassNumbering;
import org.nnet.runtime.data.DataException;
import org.nnet.runtime.data.DataProbe;

/**
 * Checks a training's data files against its model before anything is generated or trained: the
 * contents of csv / idx / images / text files are not known when the .nnet file is checked, so this
 * reads their headers (every row of a CSV file, which is cheap next to training) with the runtime's
 * {@link DataProbe} and compares the sample shape and the number of classes with what core inferred for
 * the model. Each problem is one line {@code file.nnet:line:column: error: ...} placed on the data source
 * in the .nnet file, with the data file (and its line for CSV rows) in the message.
 */
final class DataPreflight {

	private DataPreflight() {
	}

	/** The problems of the training's data files, one line each; empty when they fit the model. */
	static List<String> check(Path nnetFile, Training training) {
		List<String> problems = new ArrayList<>();
		// as in the training program: the training data's labels number the classes of every CSV file
		ClassNumbering numbering = new ClassNumbering();
		List<DataUse> uses = new ArrayList<>(new TrainingGenerator().dataUses(training));
		uses.sort(java.util.Comparator.comparing(u -> !"data".equals(u.role())));
		for (DataUse use : uses) {
			String place = GenerateCommand.place(nnetFile, use.at()) + ": error: " + use.role() + " " + use.source() + "(...): ";
			try {
				DataProbe.Sample sample = probe(use, numbering);
				if (sample != null) {
					String mismatch = mismatch(use, sample);
					if (mismatch != null) {
						problems.add(place + mismatch);
					}
				}
			} catch (DataException e) {
				problems.add(place + e.getMessage());
			}
		}
		return problems;
	}

	private static DataProbe.Sample probe(DataUse use, ClassNumbering numbering) {
		return switch (use.source()) {
			case "csv" -> DataProbe.csv(file(use), (String) use.args().get("label"), numbering);
			case "idx" -> DataProbe.idx(file(use), path(use, "labels"));
			case "images" -> DataProbe.images(file(use));
			case "text" -> DataProbe.text(file(use), ((Long) use.args().get("window")).intValue());
			default -> null; // built-in and synthetic sources: their shapes are known statically and checked by core
		};
	}

	/** The file (or folder) a source reads its samples from. */
	private static Path file(DataUse use) {
		return path(use, switch (use.source()) {
			case "idx" -> "images";
			case "images" -> "folder";
			default -> "path";
		});
	}

	private static Path path(DataUse use, String arg) {
		Object v = use.args().get(arg);
		String p = v instanceof String s ? s : "label";
		return Path.of(use.dataDir()).resolve(p);
	}

	/** How the data does not fit the model, or null when it does (or the model's sizes are unknown). */
	private static String mismatch(DataUse use, DataProbe.Sample sample) {
		Port in = use.input();
		String data = file(use) + " has " + sample.what() + ", so each sample is " + Arrays.toString(sample.shape());
		if (in != null && in.shape().isRankKnown() && !fits(in.shape(), sample.shape())) {
			return data + ", but the model's input " + in.name() + " is " + in.shape().toSizesString() + ": make the input "
					+ Arrays.toString(sample.shape()) + " or give data of shape " + in.shape().toSizesString() + ".";
		}
		Port out = use.output();
		if (out != null && sample.classes() > 0 && out.shape().isRankKnown() && out.shape().rank() >= 1 && !sample.tokens()) {
			Long width = out.shape().last();
			if (width != null && width != sample.classes()) {
				return "the labels have " + sample.classes() + " classes, so each target is one-hot [" + sample.classes()
						+ "], but the model's output " + out.name() + " is " + out.shape().toSizesString() + ": make the output "
						+ sample.classes() + " wide.";
			}
		}
		return null;
	}

	/** Whether every known size of the input equals the data's. */
	private static boolean fits(Shape input, long[] sample) {
		if (input.rank() != sample.length) {
			return false;
		}
		for (int i = 0; i < sample.length; i++) {
			Long s = input.size(i);
			if (s != null && s != sample[i]) {
				return false;
			}
		}
		return true;
	}

}
