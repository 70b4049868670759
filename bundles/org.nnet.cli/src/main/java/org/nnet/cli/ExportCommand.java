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

/** {@code nnet export --diagram FILE.nnet -o out.svg|out.png}: the diagram of a file, laid out by ELK, without a display. */
@Command(name = "export", mixinStandardHelpOptions = true,
		description = "Export the diagram of a .nnet file (every network, autoencoder and GAN, laid out left to right) as SVG or PNG.")
public final class ExportCommand implements Callable<Integer> {

	@Option(names = "--diagram", required = true, description = "Export the diagram (the only export so far).")
	boolean diagram;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "OUT",
			description = "The file to write; .svg or .png by its extension.")
	Path output;

	@Option(names = "--expand", split = ",", paramLabel = "GROUP",
			description = "Groups to show expanded, by id (e.g. MiniInception/mixed); all are collapsed otherwise.")
	List<String> expand;

	@Parameters(index = "0", paramLabel = "FILE", description = "the .nnet file")
	Path file;

	PrintStream out = System.out;
	PrintStream err = System.err;

	@Override
	public Integer call() {
		if (output.getFileName() == null) {
			err.println("nnet export: " + output + " is a folder: name the file to write, e.g. -o diagram.svg");
			return 1;
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
