package org.nnet.lang.ide.outline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.nnet.core.inference.Cost;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.Port;
import org.nnet.core.inference.ShapeInference;
import org.nnet.core.inference.TrainingReport;
import org.nnet.model.Autoencoder;
import org.nnet.model.Dataset;
import org.nnet.model.Element;
import org.nnet.model.Gan;
import org.nnet.model.LayerStep;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.NnetPackage;
import org.nnet.model.Training;

import com.google.inject.Inject;

/**
 * The outline of a parsed .nnet file: its package, its declarations and, for each network, its nodes
 * with the output shape and parameter count that {@link ShapeInference} reports. Works on a file with
 * syntax errors too (what parsed is shown).
 */
public class NnetOutline {

	@Inject
	private ILocationInFileProvider locations;

	/** The top-level entries of the resource's outline (one package entry, or the declarations). */
	public List<OutlineEntry> entries(XtextResource resource) {
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
			return List.of();
		}
		ShapeInference inference = new ShapeInference();
		List<OutlineEntry> elements = new ArrayList<>();
		for (Element element : model.getElements()) {
			if (element != null && element.getName() != null) {
				elements.add(element(element, inference));
			}
		}
		if (model.getName() == null) {
			return elements;
		}
		ITextRegion full = locations.getFullTextRegion(model);
		ITextRegion name = locations.getSignificantTextRegion(model);
		return List.of(new OutlineEntry("package", model.getName(), "", full.getOffset(), full.getLength(),
				name.getOffset(), name.getLength(), elements));
	}

	private OutlineEntry element(Element element, ShapeInference inference) {
		String kind = switch (element) {
		case Network n -> "network";
		case Autoencoder a -> "autoencoder";
		case Gan g -> "gan";
		case Dataset d -> "dataset";
		case Training t -> "training";
		default -> element.eClass().getName().toLowerCase(java.util.Locale.ROOT);
		};
		List<OutlineEntry> children = new ArrayList<>();
		String detail = "";
		ModelReport report = inference.infer(element);
		if (report != null) {
			detail = ports(report.inputs()) + " → " + ports(report.outputs()) + " · " + params(report.trainable())
					+ flops(Cost.total(report));
			Map<NodeReport, Cost> costs = Cost.of(report);
			for (NodeReport node : report.nodes()) {
				OutlineEntry child = node(node, element, costs.get(node));
				if (child != null) {
					children.add(child);
				}
			}
		} else if (element instanceof Training training) {
			TrainingReport t = inference.checkTraining(training);
			if (t.model() != null) {
				detail = "model " + t.model().qualifiedName() + (t.loss() == null ? "" : " · loss " + t.loss())
						+ (t.memoryBytes() == null ? "" : " · ~" + Cost.formatBytes(t.memoryBytes()) + " at batch " + t.batch());
			}
		} else if (element instanceof Dataset dataset) {
			var d = inference.checkDataset(dataset);
			if (d.data() != null && d.data().sourceName() != null) {
				detail = d.data().sourceName();
			}
		}
		return entry(kind, element.getName(), detail, element, element, children);
	}

	private OutlineEntry node(NodeReport node, Element owner, Cost cost) {
		EObject source = node.source();
		String detail = node.shape().toString() + " · " + params(node.trainable()) + flops(cost);
		if (source == null || source.eResource() != owner.eResource()) {
			// a composite's member or the gaussian it inserts: no text of its own here
			return source == null ? null : entry(node.kind(), node.name(), detail, owner, owner, List.of());
		}
		return entry(node.kind(), node.name(), detail, source, source, List.of());
	}

	/** " · 249.3 kFLOPs" per sample, or nothing when unknown or free. */
	private static String flops(Cost cost) {
		return cost == null || cost.flops() == null || cost.flops() == 0 ? "" : " · " + Cost.formatFlops(cost.flops());
	}

	private OutlineEntry entry(String kind, String name, String detail, EObject text, EObject named,
			List<OutlineEntry> children) {
		ITextRegion full = locations.getFullTextRegion(text);
		ITextRegion significant = locations.getSignificantTextRegion(named);
		if (named instanceof LayerStep step && step.getName() == null) {
			// an unnamed layer: its call ({@code dense}) stands for it
			List<INode> callee = NodeModelUtils.findNodesForFeature(step, NnetPackage.Literals.LAYER_STEP__CALLEE);
			if (!callee.isEmpty()) {
				significant = callee.get(0).getTextRegion();
			}
		}
		return new OutlineEntry(kind, name, detail, full.getOffset(), full.getLength(), significant.getOffset(),
				significant.getLength(), children);
	}

	private static String ports(List<Port> ports) {
		if (ports.size() == 1) {
			return ports.get(0).shape().toString();
		}
		StringBuilder b = new StringBuilder("(");
		for (int i = 0; i < ports.size(); i++) {
			b.append(i == 0 ? "" : ", ").append(ports.get(i).shape());
		}
		return b.append(')').toString();
	}

	private static String params(Long count) {
		return ModelReport.format(count) + " params";
	}
}
