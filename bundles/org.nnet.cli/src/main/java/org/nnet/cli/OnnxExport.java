package org.nnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.nnet.cli.onnx.CheckpointWeights;
import org.nnet.cli.onnx.InitialWeights;
import org.nnet.cli.onnx.OnnxExporter;
import org.nnet.cli.onnx.Tensor;
import org.nnet.generator.GeneratorException;
import org.nnet.generator.NetworkPlan;
import org.nnet.model.Element;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.Property;
import org.nnet.model.SymbolRef;
import org.nnet.model.Training;

import onnx.Onnx.ModelProto;

/**
 * {@code nnet export --onnx RUN_DIR|FILE.nnet -o model.onnx}: a trained network (the run's last checkpoint) or a
 * network's initial weights as an ONNX model. Runs in the command's JVM: checkpoints are read without ND4J.
 */
final class OnnxExport {
	private final PrintStream out;
	private final PrintStream err;

	OnnxExport(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	int run(Path source, Path output, String networkName, Path weightsFile) {
		Path file = source;
		NetworkPlan plan;
		Map<String, Tensor> weights;
		String from;
		try {
			if (Files.isDirectory(source)) {
				Path programFile = source.resolve(TrainCommand.PROGRAM_FILE);
				if (!Files.isRegularFile(programFile)) {
					err.println("nnet export: " + source + " is not a run folder of nnet train (it has no " + TrainCommand.PROGRAM_FILE + ")");
					return 2;
				}
				Properties program = new Properties();
				try (InputStream in = Files.newInputStream(programFile)) {
					program.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
				}
				Path checkpoint = CheckpointWeights.latest(source);
				if (checkpoint == null) {
					err.println("nnet export: " + source + " has no checkpoint yet (checkpoints/epoch-NNNN.zip is written after each epoch)");
					return 1;
				}
				file = Path.of(program.getProperty("source", ""));
				Training training;
				try {
					training = TrainingSelection.select(file, program.getProperty("training"), err);
				} catch (TrainingSelection.NotSelectedException e) {
					err.println("nnet export: " + e.getMessage());
					return e.exitCode;
				}
				plan = NetworkPlan.of(training);
				weights = CheckpointWeights.read(checkpoint, "model");
				from = source.relativize(checkpoint).toString();
			} else {
				NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
				List<Diagnostic> errors = workspace.diagnostics().stream().filter(Diagnostic::isError).toList();
				if (!errors.isEmpty() || workspace.requestedFiles().isEmpty()) {
					errors.forEach(err::println);
					err.println("nnet export: " + file + " has errors: nothing was exported");
					return 1;
				}
				Model model = NnetWorkspace.model(workspace.requestedFiles().keySet().iterator().next());
				Network network = pick(model, networkName);
				if (network == null) {
					return 1;
				}
				Training training = trainingOf(model, network);
				plan = training != null ? NetworkPlan.of(training) : NetworkPlan.of(network);
				if (weightsFile != null) {
					weights = CheckpointWeights.read(weightsFile, "model");
					from = weightsFile.getFileName().toString();
				} else {
					long seed = training == null ? 0 : seed(training);
					weights = InitialWeights.of(plan, seed);
					from = "initial weights, seed " + seed + (training == null ? "" : " of " + training.getName());
				}
			}
		} catch (IOException e) {
			err.println("nnet export: cannot read " + source + ": " + e.getMessage());
			return 2;
		} catch (GeneratorException e) {
			err.println(GenerateCommand.place(file, e.where()) + ": error: cannot export to ONNX: " + e.getMessage());
			return 1;
		}
		OnnxExporter.Result exported;
		try {
			exported = OnnxExporter.export(plan, weights::get, "nnet export of " + plan.name() + " (" + from + ")");
		} catch (GeneratorException e) {
			err.println(GenerateCommand.place(file, e.where()) + ": error: cannot export to ONNX: " + e.getMessage());
			return 1;
		}
		ModelProto model = exported.model();
		try {
			Files.createDirectories(output.toAbsolutePath().getParent());
			AtomicFiles.write(output, tmp -> Files.write(tmp, model.toByteArray()));
		} catch (IOException e) {
			err.println("nnet export: cannot write " + output + ": " + e.getMessage());
			return 2;
		}
		out.println(String.format(Locale.ROOT, "wrote %s (network %s, %,d parameters from %s; ONNX opset %d, %d nodes)", output,
				plan.name(), exported.parameters(), from, org.nnet.cli.onnx.OnnxGraph.OPSET, model.getGraph().getNodeCount()));
		return 0;
	}

	private Network pick(Model model, String name) {
		List<Network> networks = new ArrayList<>();
		for (Element e : model.getElements()) {
			if (e instanceof Network n) {
				networks.add(n);
			}
		}
		List<String> names = networks.stream().map(Network::getName).toList();
		if (name != null) {
			for (Network n : networks) {
				if (name.equals(n.getName())) {
					return n;
				}
			}
			err.println("nnet export: there is no network " + name + (names.isEmpty() ? "" : " (the file has " + String.join(", ", names) + ")"));
			return null;
		}
		if (networks.size() != 1) {
			// a file with several networks and one training: the network it trains
			List<Network> trained = new ArrayList<>();
			for (Network n : networks) {
				if (trainingOf(model, n) != null) {
					trained.add(n);
				}
			}
			if (trained.size() == 1) {
				return trained.get(0);
			}
			err.println("nnet export: " + (networks.isEmpty() ? "the file declares no network"
					: "the file has several networks (" + String.join(", ", names) + "): choose one with --network NAME"));
			return null;
		}
		return networks.get(0);
	}

	/** The only training in the model that trains this network (its seed and parameters give the initial weights), or null. */
	private static Training trainingOf(Model model, Network network) {
		Training found = null;
		for (Element e : model.getElements()) {
			if (e instanceof Training t) {
				for (Property p : t.getProperties()) {
					if ("model".equals(p.getKey()) && !p.getValues().isEmpty() && p.getValues().get(0) instanceof SymbolRef ref
							&& ref.getTarget() == network) {
						if (found != null) {
							return null;
						}
						found = t;
					}
				}
			}
		}
		return found;
	}

	private static long seed(Training t) {
		for (Property p : t.getProperties()) {
			if ("seed".equals(p.getKey()) && !p.getValues().isEmpty() && p.getValues().get(0) instanceof org.nnet.model.NumberLiteral n) {
				try {
					return Long.parseLong(n.getValue());
				} catch (NumberFormatException e) {
					return 0;
				}
			}
		}
		return 0;
	}
}
