/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.ide.hover;

import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.inference.Cost;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.Port;
import org.nnet.core.inference.ShapeInference;
import org.nnet.core.inference.TrainingReport;
import org.nnet.model.Autoencoder;
import org.nnet.model.Builtin;
import org.nnet.model.Element;
import org.nnet.model.Gan;
import org.nnet.model.LayerStep;
import org.nnet.model.Network;
import org.nnet.model.Node;
import org.nnet.model.Training;

/**
 * Hover text (Markdown) of the .nnet language: for a node, its kind, output shape and parameter
 * counts; for a network or composite, its inputs, outputs and totals; for a built-in name, its
 * signature and meaning; and the declaration's {@code /** ... *}{@code /} comment. The same figures as
 * {@code nnet check} prints, because both ask {@link ShapeInference}.
 */
public class NnetHoverService extends HoverService {

	private final ShapeInference inference = new ShapeInference();

	@com.google.inject.Inject
	private EObjectAtOffsetHelper elementAtOffset;

	/**
	 * The hover text at an offset of a file, or null: over a step's layer name the step itself (its shape
	 * and counts, then what the layer is), over a reference the referenced node, network or built-in.
	 */
	public String hoverAt(XtextResource resource, int offset) {
		EObject referenced = elementAtOffset.resolveCrossReferencedElementAt(resource, offset);
		EObject contained = elementAtOffset.resolveContainedElementAt(resource, offset);
		if (contained instanceof LayerStep step && (referenced == null || step.getCallee() == referenced)
				&& !(step.getCallee() instanceof Node)) {
			String text = getContents(step);
			if (step.getCallee() instanceof Builtin builtin) {
				String layer = summary(builtin);
				text = text == null ? layer : layer == null ? text : text + "\n\n" + layer;
			}
			return text;
		}
		EObject target = referenced != null ? referenced : contained;
		return target == null ? null : getContents(target);
	}

	@Override
	public String getContents(EObject element) {
		String summary = summary(element);
		String doc = super.getContents(element);
		if (summary == null) {
			return doc;
		}
		return doc == null || doc.isBlank() ? summary : summary + "\n\n" + doc;
	}

	/** The shape-and-parameters part of the hover, or null for elements that have none. */
	public String summary(EObject element) {
		if (element instanceof Builtin builtin) {
			return Catalog.entry(builtin.getName()).map(NnetHoverService::describe).orElse(null);
		}
		if (element instanceof Node node) {
			Network network = EcoreUtil2.getContainerOfType(node, Network.class);
			if (network == null) {
				return null;
			}
			ModelReport report = inference.infer(network);
			Map<NodeReport, Cost> costs = Cost.of(report);
			for (NodeReport n : report.nodes()) {
				if (n.source() == node) {
					return "**" + n.name() + "** " + n.kind() + " → `" + n.shape() + "`" + parameters(n.trainable(), n.total())
							+ cost(costs.get(n));
				}
			}
			return null;
		}
		if (element instanceof Training training) {
			TrainingReport t = inference.checkTraining(training);
			if (t.model() == null) {
				return null;
			}
			String text = "**" + training.getName() + "** trains " + t.model().qualifiedName()
					+ (t.loss() == null ? "" : " with loss " + t.loss());
			Long memory = t.memoryBytes();
			return memory == null ? text : text + "; about " + Cost.formatBytes(memory) + " to train at batch " + t.batch()
					+ " with " + t.optimizer() + " (parameters, gradients, optimizer state, and activations kept for the backward pass)";
		}
		if (element instanceof Network || element instanceof Autoencoder || element instanceof Gan) {
			ModelReport report = inference.infer((Element) element);
			StringBuilder text = new StringBuilder("**" + report.qualifiedName() + "** " + report.kind().id());
			text.append(parameters(report.trainable(), report.total()));
			text.append(cost(Cost.total(report)));
			for (Port in : report.inputs()) {
				text.append("\n- input ").append(in.name()).append(": `").append(in.shape()).append('`');
			}
			for (Port out : report.outputs()) {
				text.append("\n- output ").append(out.name()).append(": `").append(out.shape()).append('`');
			}
			return text.toString();
		}
		return null;
	}

	private static String describe(CatalogEntry entry) {
		return "`" + entry.signature() + "` — " + entry.category().withArticle()
				+ (entry.doc() == null || entry.doc().isBlank() ? "" : ": " + entry.doc());
	}

	/** "; 2.1 MFLOPs and 18.4 KB of activations per sample", or nothing when a size is unknown. */
	private static String cost(Cost cost) {
		if (cost == null || cost.flops() == null || cost.activationBytes() == null) {
			return "";
		}
		return "; " + Cost.formatFlops(cost.flops()) + " and " + Cost.formatBytes(cost.activationBytes())
				+ " of activations per sample";
	}

	private static String parameters(Long trainable, Long total) {
		if (trainable == null) {
			return ", parameters unknown until its sizes are";
		}
		String text = ", " + ModelReport.format(trainable) + " parameters";
		if (total != null && !total.equals(trainable)) {
			text += " (" + ModelReport.format(total) + " with running statistics)";
		}
		return text;
	}
}
