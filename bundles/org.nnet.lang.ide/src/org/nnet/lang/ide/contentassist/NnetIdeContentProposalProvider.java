/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.ide.contentassist;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.util.TextRegion;
import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.catalog.Category;
import org.nnet.core.catalog.PropertySpec;
import org.nnet.lang.services.NnetGrammarAccess;
import org.nnet.model.Argument;
import org.nnet.model.Autoencoder;
import org.nnet.model.Gan;
import org.nnet.model.LayerStep;
import org.nnet.model.NnetPackage;
import org.nnet.model.Property;
import org.nnet.model.SymbolRef;
import org.nnet.model.Training;

import com.google.common.base.Predicate;
import com.google.inject.Inject;

/**
 * Xtext's IDE proposals (keywords, references through the language's scopes) made to know the
 * .nnet catalogue: after {@code ->} only layers and networks, argument names with their defaults
 * inside a call, and the keys a training, autoencoder or gan block takes. UI-free: the Eclipse editor
 * and any language client use it through the IDE injector.
 */
public class NnetIdeContentProposalProvider extends IdeContentProposalProvider {

	/** Argument names inside a call: above every name or value the acceptor ranks by default. */
	private static final int ARGUMENT_PRIORITY = 10_000;

	@Inject
	private NnetGrammarAccess grammar;

	@Override
	protected void _createProposals(Assignment assignment, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		if (assignment == grammar.getArgumentAccess().getNameAssignment_0_0()) {
			argumentNames(context, acceptor);
		} else if (assignment == grammar.getPropertyAccess().getKeyAssignment_0()) {
			propertyKeys(context, acceptor);
		} else {
			super._createProposals(assignment, context, acceptor);
		}
	}

	/** Only word keywords are proposed: nobody needs content assist to type {@code (} or {@code ->}. */
	@Override
	protected boolean filterKeyword(Keyword keyword, ContentAssistContext context) {
		String value = keyword.getValue();
		return !value.isEmpty() && Character.isLetter(value.charAt(0)) && super.filterKeyword(keyword, context);
	}

	@Override
	protected Predicate<IEObjectDescription> getCrossrefFilter(CrossReference reference, ContentAssistContext context) {
		if (reference == grammar.getLayerStepAccess().getCalleeSymbolCrossReference_0_0()) {
			// a chain starts at a node of this network; after '->' come layers and networks only
			boolean chainStart = isChainStart(context);
			return d -> d.getEClass() == NnetPackage.Literals.NETWORK
					|| d.getEClass() == NnetPackage.Literals.BUILTIN && Catalog.isA(d.getName().toString(), Category.LAYER)
					|| chainStart && d.getName().getSegmentCount() == 1 && NnetPackage.Literals.NODE.isSuperTypeOf(d.getEClass());
		}
		if (reference == grammar.getSymbolRefAccess().getTargetSymbolCrossReference_0_0()) {
			boolean inProperty = propertyCategory(context) != null;
			// nodes and parameters of other networks only clutter the list; built-ins of a property come from the catalogue
			boolean inCall = !inProperty && callOf(context.getCurrentModel()) != null;
			return d -> !(d.getName().getSegmentCount() > 1 && isLocal(d))
					&& !(inProperty && d.getEClass() == NnetPackage.Literals.BUILTIN)
					&& !(inCall && d.getEClass() == NnetPackage.Literals.BUILTIN && !isArgumentValue(d.getName().toString()));
		}
		return super.getCrossrefFilter(reference, context);
	}

	@Override
	protected void _createProposals(CrossReference reference, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		if (reference == grammar.getLayerStepAccess().getCalleeSymbolCrossReference_0_0() && !followedByCall(context)) {
			// a layer comes with its call: dropout(rate: ▮)
			super._createProposals(reference, context, new IIdeContentProposalAcceptor() {
				@Override
				public void accept(ContentAssistEntry entry, int priority) {
					if (entry != null) {
						Catalog.layer(entry.getProposal()).ifPresent(layer -> callTemplate(entry, layer, context));
					}
					acceptor.accept(entry, priority);
				}

				@Override
				public boolean canAcceptMoreProposals() {
					return acceptor.canAcceptMoreProposals();
				}
			});
			return;
		}
		super._createProposals(reference, context, acceptor);
		Category category = reference == grammar.getSymbolRefAccess().getTargetSymbolCrossReference_0_0()
				? propertyCategory(context) : null;
		if (category == null) {
			return;
		}
		for (CatalogEntry entry : Catalog.entries(category)) {
			ContentAssistEntry proposal = getProposalCreator().createProposal(entry.name(), context, e -> {
				e.setLabel(entry.signature());
				e.setDescription(category.id());
				e.setDocumentation(entry.doc());
				e.setKind(ContentAssistEntry.KIND_VALUE);
			});
			if (proposal != null) {
				acceptor.accept(proposal, getProposalPriorities().getDefaultPriority(proposal) + 50);
			}
		}
	}

	/**
	 * Makes a layer's proposal a call with its required arguments named, {@code dropout(rate: )}: the
	 * entry's edit positions (document offsets, as if the proposal replaced the prefix) are the places
	 * after each {@code name: }, its escape position is after the closing parenthesis. Without required
	 * arguments the caret goes after {@code ()}.
	 */
	static void callTemplate(ContentAssistEntry entry, CatalogEntry layer, ContentAssistContext context) {
		int start = context.getReplaceRegion().getOffset();
		StringBuilder call = new StringBuilder(entry.getProposal()).append('(');
		String separator = "";
		for (ArgSpec arg : layer.args()) {
			if (arg.required()) {
				call.append(separator).append(arg.name()).append(": ");
				entry.getEditPositions().add(new TextRegion(start + call.length(), 0));
				separator = ", ";
			}
		}
		call.append(')');
		entry.setProposal(call.toString());
		entry.setEscapePosition(start + call.length());
	}

	/** Whether the callee at the cursor is already followed by its argument list. */
	private static boolean followedByCall(ContentAssistContext context) {
		INode root = context.getRootNode();
		if (root == null) {
			return false;
		}
		String text = root.getText();
		int i = context.getReplaceRegion().getOffset() + context.getReplaceRegion().getLength();
		while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
			i++;
		}
		return i < text.length() && text.charAt(i) == '(';
	}

	/** Terminal placeholders ("value", "\"value\"") tell nothing; only grammar words and names are proposed. */
	@Override
	protected void _createProposals(RuleCall ruleCall, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		if (!(ruleCall.getRule() instanceof TerminalRule)) {
			super._createProposals(ruleCall, context, acceptor);
		}
	}

	/** Built-ins that are values of layer arguments: activations, initializers, paddings. */
	private static boolean isArgumentValue(String name) {
		return Catalog.isA(name, Category.ACTIVATION) || Catalog.isA(name, Category.INITIALIZER)
				|| Catalog.isA(name, Category.PADDING);
	}

	private static boolean isLocal(IEObjectDescription d) {
		EClass c = d.getEClass();
		return NnetPackage.Literals.NODE.isSuperTypeOf(c) || c == NnetPackage.Literals.PARAMETER;
	}

	/** The catalogue category of the values a block's key takes ({@code data:} takes sources), or null. */
	private static Category propertyCategory(ContentAssistContext context) {
		Property property = context.getCurrentModel() instanceof Property p ? p
				: EcoreUtil2.getContainerOfType(context.getCurrentModel(), Property.class);
		if (property == null || property.getKey() == null) {
			return null;
		}
		return switch (property.getKey()) {
		case "data", "validation" -> Category.SOURCE;
		case "loss" -> Category.LOSS;
		case "optimizer" -> Category.OPTIMIZER;
		case "metrics" -> Category.METRIC;
		case "regularization" -> Category.REGULARIZER;
		case "early_stopping" -> Category.STOPPING;
		case "noise" -> Category.NOISE;
		case "kind" -> Category.AUTOENCODER_KIND;
		default -> null;
		};
	}

	private void argumentNames(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		EObject call = callOf(context.getCurrentModel());
		if (call == null) {
			return;
		}
		String callee = calleeName(call);
		CatalogEntry entry = Catalog.entry(callee).orElse(null);
		if (entry == null) {
			return;
		}
		Set<String> given = new HashSet<>();
		List<Argument> args = call instanceof LayerStep l ? l.getArgs() : ((SymbolRef) call).getArgs();
		for (Argument a : args) {
			if (a.getName() != null) {
				given.add(a.getName());
			} else {
				entry.mainArg().ifPresent(main -> given.add(main.name())); // given by position
			}
		}
		for (ArgSpec arg : entry.args()) {
			if (given.contains(arg.name())) {
				continue;
			}
			ContentAssistEntry proposal = getProposalCreator().createProposal(arg.name() + ": ", context, e -> {
				e.setLabel(arg.signature());
				e.setDescription(callee + " argument");
				e.setDocumentation(arg.doc());
				e.setKind(ContentAssistEntry.KIND_PROPERTY);
			});
			if (proposal != null) {
				// before the values (activations, nodes) a positional argument could take: required ones first
				acceptor.accept(proposal, ARGUMENT_PRIORITY + (arg.required() ? 10 : 0));
			}
		}
	}

	private void propertyKeys(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		EObject block = context.getCurrentModel() instanceof Property p ? p.eContainer() : context.getCurrentModel();
		List<PropertySpec> keys = block instanceof Training ? Catalog.trainingKeys()
				: block instanceof Gan ? Catalog.ganKeys() : block instanceof Autoencoder ? Catalog.autoencoderKeys() : List.of();
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
				e.setDescription(key.doc());
				e.setKind(ContentAssistEntry.KIND_PROPERTY);
			});
			if (proposal != null) {
				acceptor.accept(proposal, getProposalPriorities().getDefaultPriority(proposal) + 100);
			}
		}
	}

	/** Whether the cursor starts a chain (where node names may be written) rather than follows a {@code ->}. */
	private static boolean isChainStart(ContentAssistContext context) {
		INode last = context.getLastCompleteNode();
		return last == null || !"->".equals(last.getText().trim());
	}

	/** The call whose argument list the cursor is in: a layer step or a call in an expression. */
	private static EObject callOf(EObject model) {
		EObject m = model instanceof Argument ? model.eContainer() : model;
		if (m instanceof LayerStep || m instanceof SymbolRef) {
			return m;
		}
		return EcoreUtil2.getContainerOfType(m, LayerStep.class);
	}

	/** The callee as written, without resolving it (it may be a broken proxy while typing). */
	private static String calleeName(EObject call) {
		var feature = call instanceof LayerStep ? NnetPackage.Literals.LAYER_STEP__CALLEE
				: NnetPackage.Literals.SYMBOL_REF__TARGET;
		List<INode> nodes = NodeModelUtils.findNodesForFeature(call, feature);
		if (nodes.isEmpty()) {
			return null;
		}
		String text = NodeModelUtils.getTokenText(nodes.get(0));
		int dot = text.lastIndexOf('.');
		return dot < 0 ? text : text.substring(dot + 1);
	}
}
