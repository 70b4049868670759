package org.nnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.nnet.core.inference.ModelDiff;
import org.nnet.core.inference.ModelDiff.NodeChange;
import org.nnet.core.inference.ModelDiff.Status;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.model.Element;
import org.nnet.model.Model;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nnet diff OLD NEW}: what changed between two versions of a model file, as nodes and not as lines: nodes added,
 * removed and changed (kind, arguments, inputs, shape, parameters), with the totals. Exit 0 when the models are the
 * same, 1 when they differ, 2 when a file cannot be read.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
		description = "Compare the networks, autoencoders and GANs of two .nnet files node by node (exit 0 same, 1 different).")
public final class DiffCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "OLD", description = "the earlier .nnet file")
	Path before;

	@Parameters(index = "1", paramLabel = "NEW", description = "the later .nnet file")
	Path after;

	PrintStream out = System.out;
	PrintStream err = System.err;

	@Override
	public Integer call() {
		List<ModelReport> old = models(before);
		List<ModelReport> now = models(after);
		if (old == null || now == null) {
			return 2;
		}
		boolean differ = false;
		for (ModelDiff d : ModelDiff.compare(old, now)) {
			differ |= d.status() != Status.SAME;
			print(d);
		}
		return differ ? 1 : 0;
	}

	/** The models of a file, each in its own workspace (two versions of a file declare the same names). */
	private List<ModelReport> models(Path file) {
		NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
		Resource resource = workspace.requestedFiles().keySet().stream().findFirst().orElse(null);
		Model model = resource == null ? null : NnetWorkspace.model(resource);
		if (model == null) {
			workspace.diagnostics().stream().filter(Diagnostic::isError).forEach(err::println);
			err.println("nnet diff: " + file + " has no model to compare");
			return null;
		}
		ShapeInference inference = new ShapeInference();
		List<ModelReport> reports = new ArrayList<>();
		for (Element element : model.getElements()) {
			ModelReport r = inference.infer(element);
			if (r != null) {
				reports.add(r);
			}
		}
		return reports;
	}

	private void print(ModelDiff d) {
		ModelReport r = d.after() != null ? d.after() : d.before();
		String kind = r.kind().name().toLowerCase(Locale.ROOT);
		switch (d.status()) {
			case ADDED -> out.printf("+ %s %s  %s parameters%n", kind, d.name(), ModelReport.format(r.total()));
			case REMOVED -> out.printf("- %s %s  %s parameters%n", kind, d.name(), ModelReport.format(r.total()));
			case SAME -> out.printf("  %s %s  unchanged%n", kind, d.name());
			case CHANGED -> {
				String total = Objects.equals(d.before().total(), d.after().total())
						? ModelReport.format(d.after().total()) + " parameters"
						: ModelReport.format(d.before().total()) + " -> " + ModelReport.format(d.after().total()) + " parameters";
				out.printf("~ %s %s  %s%n", kind, d.name(), total);
				for (NodeChange c : d.changes()) {
					out.println("    " + line(c));
				}
			}
		}
	}

	private static String line(NodeChange c) {
		return switch (c.status()) {
			case ADDED -> "+ " + describe(c.after()) + at(c.after());
			case REMOVED -> "- " + describe(c.before());
			default -> "~ " + c.name() + (c.before().name().equals(c.name()) ? "" : " (was " + c.before().name() + ")") + ": "
					+ c.aspects().stream().map(a -> change(a, c)).collect(Collectors.joining("; "))
					+ at(c.after());
		};
	}

	private static String change(ModelDiff.Aspect aspect, NodeChange c) {
		NodeReport o = c.before();
		NodeReport n = c.after();
		return switch (aspect) {
			case KIND -> o.kind() + " -> " + n.kind();
			case ARGUMENTS -> text(o.source()) + " -> " + text(n.source());
			case INPUTS -> "inputs " + o.inputs() + " -> " + n.inputs();
			case SHAPE -> o.shape() + " -> " + n.shape();
			case PARAMETERS -> ModelReport.format(o.total()) + " -> " + ModelReport.format(n.total()) + " parameters";
		};
	}

	private static String describe(NodeReport n) {
		return n.name() + " " + n.kind() + " " + n.shape() + " " + ModelReport.format(n.total()) + " parameters ("
				+ text(n.source()) + ")";
	}

	/** The source text of a step, on one line without its name ({@code dense(120, activation: tanh)}). */
	private static String text(EObject source) {
		ICompositeNode node = source == null ? null : NodeModelUtils.findActualNodeFor(source);
		if (node == null) {
			return "?";
		}
		String text = NodeModelUtils.getTokenText(node);
		return text.replaceFirst("\\s+as\\s+[A-Za-z_][A-Za-z0-9_]*$", "").replaceFirst("^->\\s*", "");
	}

	private static String at(NodeReport n) {
		ICompositeNode node = n.source() == null ? null : NodeModelUtils.findActualNodeFor(n.source());
		return node == null ? "" : "  (line " + node.getStartLine() + ")";
	}
}
