package org.nnet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.nnet.cli.onnx.NdArrayFormat;
import org.nnet.cli.onnx.NnetText;
import org.nnet.cli.onnx.OnnxImporter;
import org.nnet.cli.onnx.Tensor;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.model.Element;
import org.nnet.model.Model;
import org.nnet.model.Network;

import onnx.Onnx.ModelProto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nnet import MODEL.onnx -o DIR}: an ONNX model as a readable .nnet network of catalogue layers, with its
 * weights beside it ({@code NAME.weights.zip}, in the layout and array format of the runtime's checkpoints).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Import an ONNX model as a .nnet network and its weights.",
				"DIR/NAME.nnet: one network, every node named, shapes and parameter counts as",
				"nnet check gives them;",
				"DIR/NAME.weights.zip (its weights, as the runtime's checkpoints hold them).",
				"Gemm and MatMul(+Add) become dense, Conv conv2d; activations fold into the",
				"layer before them; a batch norm after a convolution folds into it",
				"(--keep-batchnorm keeps it); pools, global pools, Flatten, Reshape, Add, Mul,",
				"Concat, Gather (embedding), LSTM, GRU and RNN (PyTorch's two biases summed).",
				"An operator with no layer is one error line naming the node and operator,",
				"and nothing is written." })
public final class ImportCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the ONNX model")
	Path model;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "DIR", description = "The folder to write NAME.nnet and NAME.weights.zip into.")
	Path dir;

	@Option(names = "--name", paramLabel = "NAME", description = "The network's name (default: from the file name, model.onnx gives Model).")
	String name;

	@Option(names = "--keep-batchnorm", description = "Keep batch norms after convolutions as batchnorm layers instead of folding them.")
	boolean keepBatchnorm;

	@Option(names = "--force", description = "Replace NAME.nnet and NAME.weights.zip when DIR has them already.")
	boolean force;

	PrintStream out = System.out;
	PrintStream err = System.err;

	@Override
	public Integer call() {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(model);
		} catch (IOException e) {
			err.println("nnet import: cannot read " + model + " (" + e.getMessage() + ")");
			return 2;
		}
		ModelProto proto;
		try {
			proto = ModelProto.parseFrom(bytes);
		} catch (IOException | RuntimeException e) {
			err.println("nnet import: " + model + " is not an ONNX model (" + e.getMessage() + ")");
			return 1;
		}
		if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0 || proto.getIrVersion() == 0) {
			err.println("nnet import: " + model + " is not an ONNX model (it has no graph of nodes)");
			return 1;
		}
		String networkName = name != null ? name : NnetText.networkName(model.getFileName().toString());
		if (!networkName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			err.println("nnet import: --name " + networkName + " is not a name of the language");
			return 2;
		}
		OnnxImporter.Network net;
		try {
			net = OnnxImporter.of(proto, !keepBatchnorm);
		} catch (OnnxImporter.ImportException e) {
			e.problems.forEach(p -> err.println("nnet import: " + model + ": " + p));
			return 1;
		}
		String doc = String.format(Locale.ROOT, "Imported by nnet import from %s (%s%s, opset %d).", model.getFileName(),
				proto.getProducerName().isEmpty() ? "unknown producer" : proto.getProducerName(),
				proto.getProducerVersion().isEmpty() ? "" : " " + proto.getProducerVersion(),
				proto.getOpsetImportCount() == 0 ? 0 : proto.getOpsetImport(0).getVersion());
		long kept = net.weights().values().stream().mapToLong(Tensor::length).sum();
		String text;
		ModelReport report;
		try {
			// check the text, then write it again with what the check says about each node
			String draft = NnetText.of(networkName, doc, net, null, null);
			report = check(networkName, draft);
			if (report == null) {
				return 2;
			}
			ModelReport r = report;
			String total = String.format(Locale.ROOT, "total %,d", r.total());
			text = NnetText.of(networkName, doc, net, node -> comment(r.node(node)), total);
			report = check(networkName, text);
			if (report == null) {
				return 2;
			}
		} catch (IOException e) {
			err.println("nnet import: cannot check the imported network (" + e.getMessage() + ")");
			return 2;
		}
		if (report.total() == null || report.total() != kept) {
			err.println("nnet import: the imported network counts " + report.total() + " parameters but " + kept
					+ " weights were read (an internal error; please report it with the model)");
			return 2;
		}
		Path nnet = dir.resolve(networkName + ".nnet"), weights = dir.resolve(networkName + ".weights.zip");
		for (Path existing : List.of(nnet, weights)) {
			if (!force && Files.exists(existing)) {
				// an imported .nnet is the user's to edit: never replaced without being asked
				err.println("nnet import: " + existing + " exists: give --force to replace it, or another folder or --name");
				return 1;
			}
		}
		try {
			Files.createDirectories(dir);
			AtomicFiles.write(weights, tmp -> writeWeights(tmp, net.weights()));
			AtomicFiles.writeString(nnet, text);
		} catch (IOException e) {
			err.println("nnet import: cannot write into " + dir + ": " + e.getMessage());
			return 2;
		}
		long merged = net.onnxParameters() - kept;
		out.println(String.format(Locale.ROOT, "wrote %s and %s (network %s: %d layers, %,d parameters; the model's initializers hold %,d%s)",
				nnet, weights.getFileName(), networkName, net.layers().size(), kept, net.onnxParameters(),
				merged == 0 ? "" : merged > 0 ? String.format(Locale.ROOT, ", %,d of them folded or summed into others", merged)
						: String.format(Locale.ROOT, ", %,d more are biases the import added", -merged)));
		return 0;
	}

	private static String comment(NodeReport n) {
		if (n == null) {
			return null;
		}
		String shape = n.shape() == null ? "?" : n.shape().toString();
		if (n.trainable() == null || n.total() == null || n.total() == 0) {
			return shape;
		}
		String count = ModelReport.format(n.trainable());
		if (!n.total().equals(n.trainable())) {
			count += " (+" + ModelReport.format(n.total() - n.trainable()) + " state)";
		}
		return String.format(Locale.ROOT, "%-16s %12s", shape, count);
	}

	/** Loads the text as a file and infers its network; prints the errors (an internal error) and returns null if it does not check. */
	private ModelReport check(String networkName, String text) throws IOException {
		Path tmp = Files.createTempDirectory("nnet-import");
		Path file = tmp.resolve(networkName + ".nnet");
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
			NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
			List<Diagnostic> errors = workspace.diagnostics().stream().filter(Diagnostic::isError).toList();
			Model m = workspace.requestedFiles().isEmpty() ? null : NnetWorkspace.model(workspace.requestedFiles().keySet().iterator().next());
			Network network = null;
			for (Element e : m == null ? List.<Element>of() : m.getElements()) {
				if (e instanceof Network n) {
					network = n;
				}
			}
			if (!errors.isEmpty() || network == null) {
				err.println("nnet import: the imported network does not check (an internal error; please report it with the model):");
				errors.stream().limit(5).forEach(d -> err.println("  " + d));
				return null;
			}
			return new ShapeInference().infer(network);
		} finally {
			Files.deleteIfExists(file);
			Files.deleteIfExists(tmp);
		}
	}

	/** The weights as a checkpoint of the runtime holds a network's parameters ({@code params/model/NAME}), at epoch 0. */
	static void writeWeights(Path file, Map<String, Tensor> weights) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry("progress.json"));
			zip.write("{\"epoch\":0,\"bestLoss\":1.7976931348623157E308,\"epochsWithoutImprovement\":0,\"stopped\":false}".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			List<String> names = new ArrayList<>(weights.keySet());
			for (String n : names) {
				zip.putNextEntry(new ZipEntry("params/model/" + n));
				zip.write(NdArrayFormat.write(weights.get(n)));
				zip.closeEntry();
			}
		}
	}
}
