/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.ide.contentassist;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.catalog.Category;
import org.nnet.core.catalog.PropertySpec;
import org.nnet.lang.services.NnetGrammarAccess;
import org.nnet.model.Argument;
import org.nnet.model.Autoencoder;
import org.nnet.model.Builtin;
import org.nnet.model.Dataset;
import org.nnet.model.Gan;
import org.nnet.model.LayerStep;
import org.nnet.model.Network;
import org.nnet.model.Node;
import org.nnet.model.Parameter;
import org.nnet.model.Property;
import org.nnet.model.Symbol;
import org.nnet.model.SymbolRef;
import org.nnet.model.Training;

import com.google.common.base.Predicate;
import com.google.inject.Inject;

/**
 * Content assist of the .nnet language, UI-free (the Eclipse editor and any language client use it):
 * argument names of the layer being called with their defaults, the keys of a training or composite
 * block, and names filtered by what fits where the cursor is — layers, networks and nodes in a chain,
 * activations after {@code activation:}, optimizers after {@code optimizer:}, and so on.
 */
public class NnetIdeContentProposalProvider extends IdeContentProposalProvider {

	@Inject
	private NnetGrammarAccess grammar;

	@Override
	protected void _createProposals(Assignment assignment, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		if (assignment == grammar.getArgumentAccess().getNameAssignment_0_0()) {
			proposeArgumentNames(context, acceptor);
			return;
		}
		if (assignment == grammar.getPropertyAccess().getKeyAssignment_0()) {
			proposePropertyKeys(context, acceptor);
			return;
		}
		super._createProposals(assignment, context, acceptor);
	}

	private void proposeArgumentNames(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		EObject model = context.getCurrentModel();
		EObject call = model instanceof Argument ? model.eContainer() : model;
		String callee = calleeName(call);
		Optional<CatalogEntry> entry = callee == null ? Optional.empty() : Catalog.entry(callee);
		if (entry.isEmpty()) {
			return;
		}
		Set<String> given = new HashSet<>();
		for (Argument a : arguments(call)) {
			if (a.getName() != null) {
				given.add(a.getName());
			}
		}
		for (ArgSpec arg : entry.get().args()) {
			if (arg.main() || given.contains(arg.name())) {
				continue;
			}
			ContentAssistEntry proposal = getProposalCreator().createProposal(arg.name() + ": ", context, e -> {
				e.setLabel(arg.signature());
				e.setDescription(arg.type().description());
				e.setDocumentation(arg.doc());
				e.setKind(ContentAssistEntry.KIND_PROPERTY);
			});
			if (proposal != null) {
				acceptor.accept(proposal, getProposalPriorities().getDefaultPriority(proposal) + 10);
			}
		}
	}

	private void proposePropertyKeys(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		EObject block = context.getCurrentModel();
		if (block instanceof Property) {
			block = block.eContainer();
		}
		List<PropertySpec> keys;
		if (block instanceof Training) {
			keys = Catalog.trainingKeys();
		} else if (block instanceof Gan) {
			keys = Catalog.ganKeys();
		} else if (block instanceof Autoencoder) {
			keys = Catalog.autoencoderKeys();
		} else {
			return;
		}
		Set<String> given = new HashSet<>();
		for (EObject o : block.eContents()) {
			if (o instanceof Property p && p.getKey() != null) {
				given.add(p.getKey());
			}
		}
		for (PropertySpec key : keys) {
			if (given.contains(key.key())) {
				continue;
			}
			ContentAssistEntry proposal = getProposalCreator().createProposal(key.key() + ": ", context, e -> {
				e.setLabel(key.key() + (key.required() ? " (required)" : ""));
				e.setDocumentation(key.doc());
				e.setKind(ContentAssistEntry.KIND_PROPERTY);
			});
			if (proposal != null) {
				acceptor.accept(proposal, getProposalPriorities().getDefaultPriority(proposal) + 10);
			}
		}
	}

	@Override
	protected Predicate<IEObjectDescription> getCrossrefFilter(CrossReference reference, ContentAssistContext context) {
		Predicate<IEObjectDescription> fits = fitting(reference, context);
		Predicate<IEObjectDescription> base = super.getCrossrefFilter(reference, context);
		return d -> base.apply(d) && fits.apply(d);
	}

	/** Which names make sense at the cursor. */
	private Predicate<IEObjectDescription> fitting(CrossReference reference, ContentAssistContext context) {
		EObject model = context.getCurrentModel();
		if (reference == grammar.getLayerStepAccess().getCalleeSymbolCrossReference_0_0()) {
			boolean chainStart = isChainStart(model, context);
			return d -> {
				EObject o = d.getEObjectOrProxy();
				if (o instanceof Builtin b) {
					return Category.LAYER.id().equals(b.getCategory());
				}
				return o instanceof Network || (chainStart && o instanceof Node);
			};
		}
		// a value: what fits depends on the argument's or setting's name
		String slot = slotName(model);
		Category wanted = slot == null ? null : switch (slot) {
		case "activation" -> Category.ACTIVATION;
		case "init" -> Category.INITIALIZER;
		case "padding" -> Category.PADDING;
		case "optimizer" -> Category.OPTIMIZER;
		case "loss" -> Category.LOSS;
		case "metrics" -> Category.METRIC;
		case "regularization" -> Category.REGULARIZER;
		case "early_stopping" -> Category.STOPPING;
		case "noise" -> Category.NOISE;
		case "kind" -> Category.AUTOENCODER_KIND;
		case "split" -> Category.SPLIT;
		case "data", "validation" -> Category.SOURCE;
		default -> null;
		};
		if (wanted != null) {
			boolean datasets = wanted == Category.SOURCE;
			return d -> {
				EObject o = d.getEObjectOrProxy();
				if (o instanceof Builtin b) {
					return Catalog.isA(b.getName(), wanted) || (datasets && "split".equals(b.getName()));
				}
				return datasets && o instanceof Dataset;
			};
		}
		if ("model".equals(slot)) {
			return d -> d.getEObjectOrProxy() instanceof Network || d.getEObjectOrProxy() instanceof Autoencoder
					|| d.getEObjectOrProxy() instanceof Gan;
		}
		if ("encoder".equals(slot) || "decoder".equals(slot) || "generator".equals(slot)
				|| "discriminator".equals(slot)) {
			return d -> d.getEObjectOrProxy() instanceof Network;
		}
		Network network = EcoreUtil2.getContainerOfType(model, Network.class);
		if (network != null) {
			// inside a network: its nodes and parameters, and values of any kind
			return d -> !(d.getEObjectOrProxy() instanceof Symbol s) || s instanceof Builtin || s instanceof Node
					|| s instanceof Parameter;
		}
		return d -> true;
	}

	/** Whether the cursor starts a chain (where node names may be written) rather than follows a {@code ->}. */
	private static boolean isChainStart(EObject model, ContentAssistContext context) {
		INode last = context.getLastCompleteNode();
		return last == null || !"->".equals(last.getText().trim());
	}

	/** The name of the argument or setting whose value is being written, or null. */
	private static String slotName(EObject model) {
		for (EObject o = model; o != null; o = o.eContainer()) {
			if (o instanceof Argument a) {
				return a.getName();
			}
			if (o instanceof Property p) {
				return p.getKey();
			}
			if (o instanceof LayerStep || o instanceof Network || o instanceof Training) {
				return null;
			}
		}
		return null;
	}

	private static String calleeName(EObject call) {
		Symbol callee = null;
		if (call instanceof LayerStep step) {
			callee = step.getCallee();
		} else if (call instanceof SymbolRef ref) {
			callee = ref.getTarget();
		}
		if (callee == null) {
			return null;
		}
		if (callee.eIsProxy()) {
			return null;
		}
		return callee.getName();
	}

	private static List<Argument> arguments(EObject call) {
		if (call instanceof LayerStep step) {
			return step.getArgs();
		}
		if (call instanceof SymbolRef ref) {
			return ref.getArgs();
		}
		return List.of();
	}
}
