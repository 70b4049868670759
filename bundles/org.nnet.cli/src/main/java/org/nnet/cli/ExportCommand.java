package org.nnet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.eclipse.emf.ecore.resource.Resource;
import org.nnet.diagram.DiagramLayout;
import org.nnet.diagram.DiagramPins;
import org.nnet.diagram.DiagramModel;
import org.nnet.diagram.PngExport;
import org.nnet.diagram.SvgExport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nnet export --diagram FILE.nnet -o out.svg|out.png}: the diagram of a file, laid out by ELK, without a display;
 * {@code nnet export --onnx RUN_DIR|FILE.nnet -o model.onnx}: a network as an ONNX model ({@link OnnxExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
		description = { "Export the diagram of a .nnet file, or a network as an ONNX model.",
				"The diagram (--diagram): every network, autoencoder and GAN, laid out left to",
				"right, as SVG or PNG. A network as an ONNX model,",
				"opset 13 (--onnx): with the weights of a run's last checkpoint (FILE is a run",
				"folder of nnet train), or a .nnet file's network with the weights nnet train",
				"starts from (--network NAME if the file has several; --weights ZIP for",
				"weights from nnet import). A layer ONNX cannot express is one error line." })
public final class ExportCommand implements Callable<Integer> {

	@Option(names = "--diagram", description = "Export the diagram of FILE.")
	boolean diagram;

	@Option(names = "--onnx", description = "Export a network as ONNX: FILE is a run folder of nnet train or a .nnet file.")
	boolean onnx;

	@Option(names = "--network", paramLabel = "NAME", description = "With --onnx and a .nnet file: the network to export.")
	String network;

	@Option(names = "--weights", paramLabel = "WEIGHTS.zip",
			description = "With --onnx and a .nnet file: its weights from a checkpoint or from nnet import, instead of the initial ones.")
	Path weights;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "OUT",
			description = "The file to write; .svg or .png by its extension (--diagram), .onnx (--onnx); written whole or not at all.")
	Path output;

	@Option(names = "--expand", split = ",", paramLabel = "GROUP",
			description = "Groups to show expanded, by id (e.g. MiniInception/mixed); all are collapsed otherwise.")
	List<String> expand;

	@Parameters(index = "0", paramLabel = "FILE", description = "the .nnet file, or with --onnx a run folder")
	Path file;

	PrintStream out = System.out;
	PrintStream err = System.err;

	@Override
	public Integer call() {
		if (onnx == diagram) {
			err.println("nnet export: choose one of --diagram and --onnx");
			return 2;
		}
		if (output.getFileName() == null) {
			err.println("nnet export: " + output + " is a folder: name the file to write, e.g. -o " + (onnx ? "model.onnx" : "diagram.svg"));
			return 1;
		}
		if (onnx) {
			return new OnnxExport(out, err).run(file, output, network, weights);
		}
		String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
		boolean png = name.endsWith(".png");
		if (!png && !name.endsWith(".svg")) {
			err.println("nnet export: " + output + ": the output must end in .svg or .png");
			return 2;
		}
		// the PNG is drawn with Java2D into an image: no display is needed or wanted
		System.setProperty("java.awt.headless", "true");
		NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
		Resource resource = workspace.requestedFiles().keySet().stream().findFirst().orElse(null);
		if (resource == null) {
			workspace.diagnostics().forEach(d -> err.println(d));
			return 2;
		}
		Set<String> expanded = expand == null ? Set.of() : new HashSet<>(expand);
		DiagramModel model = DiagramModel.of(resource, expanded, null);
		// nodes moved in the diagram editor are pinned in FILE.nnet.layout: the export shows them there too
		DiagramPins pins = DiagramPins.read(DiagramPins.fileOf(file), warning -> err.println("nnet export: " + warning));
		DiagramLayout.Result layout = new DiagramLayout().layout(model, pins);
		try {
			// written beside and moved in: a full disk leaves no cut-off picture
			AtomicFiles.write(output, tmp -> {
				if (png) {
					new PngExport().write(layout, tmp);
				} else {
					new SvgExport().write(layout, tmp);
				}
			});
		} catch (IOException e) {
			err.println("nnet export: cannot write " + output + " (" + TrainCommand.reason(e) + ")");
			return 2;
		}
		int nodes = model.graphs().stream().mapToInt(g -> g.visibleNodes().size()).sum();
		out.println("wrote " + output + " (" + model.graphs().size() + " graph" + (model.graphs().size() == 1 ? "" : "s")
				+ ", " + nodes + " nodes)");
		if (model.banner() != null) {
			err.println(file + ": " + model.banner());
		}
		return workspace.hasErrors() ? 1 : 0;
	}
}
