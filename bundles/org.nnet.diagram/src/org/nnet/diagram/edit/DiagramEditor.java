package org.nnet.diagram.edit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.ide.serializer.IChangeSerializer;
import org.eclipse.xtext.ide.serializer.IEmfResourceChange;
import org.eclipse.xtext.ide.serializer.ITextDocumentChange;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.diagram.edit.DiagramEdit.Arg;
import org.nnet.lang.scoping.BuiltinLibrary;
import org.nnet.model.Argument;
import org.nnet.model.Chain;
import org.nnet.model.Element;
import org.nnet.model.Expression;
import org.nnet.model.Input;
import org.nnet.model.LayerStep;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.NnetFactory;
import org.nnet.model.NnetPackage;
import org.nnet.model.Node;
import org.nnet.model.Output;
import org.nnet.model.Symbol;
import org.nnet.model.SymbolRef;

import com.google.inject.Injector;

/**
 * Makes diagram edits on the text of a .nnet file: each {@link DiagramEdit} is a change of the EMF model
 * that Xtext's change serializer writes back as a minimal text edit, so untouched lines, comments and
 * formatting stay byte for byte as they were. A text that does not parse is never edited: the edit is
 * refused with a message (the caller keeps the edit to retry once the text parses again).
 */
public final class DiagramEditor {

	private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/**
	 * One replacement in the text.
	 *
	 * @param offset where it starts in the old text
	 * @param length how many characters it replaces
	 * @param text   the new characters
	 */
	public record TextEdit(int offset, int length, String text) {
	}

	/**
	 * What an edit did.
	 *
	 * @param text  the whole new text
	 * @param edits the replacements in the old text, in order
	 */
	public record Result(String text, List<TextEdit> edits) {
	}

	private final Injector injector;

	/** An editor with the language's IDE injector ({@link DiagramLanguage#injector()}). */
	public DiagramEditor() {
		this(DiagramLanguage.injector());
	}

	/** An editor with the given injector; it must bind {@link SeparatedListSerializer}. */
	public DiagramEditor(Injector injector) {
		this.injector = injector;
	}

	/**
	 * Applies an edit to a file's text.
	 *
	 * @param uri  the file's URI (names the resource; nothing is read or written)
	 * @param text the file's current text
	 * @throws EditRefusedException when the text does not parse or the edit does not fit the model
	 */
	public Result apply(URI uri, String text, DiagramEdit edit) throws EditRefusedException {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) resourceSet.createResource(uri);
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), resourceSet.getLoadOptions());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (!resource.getErrors().isEmpty()) {
			Resource.Diagnostic d = resource.getErrors().get(0);
			throw new EditRefusedException("The text has a syntax error at line " + d.getLine() + " (" + d.getMessage()
					+ "): fix it in the text first; the diagram edit was not applied and can be retried.");
		}
		Model model = (Model) resource.getContents().get(0);
		Network network = null;
		for (Element e : model.getElements()) {
			if (e instanceof Network n && edit.network().equals(n.getName())) {
				network = n;
			}
		}
		if (network == null) {
			throw new EditRefusedException("There is no network '" + edit.network() + "' in this file.");
		}
		Planner planner = new Planner(network, new ShapeInference().infer(network));
		Runnable change = planner.plan(edit);
		IChangeSerializer serializer = injector.getInstance(IChangeSerializer.class);
		serializer.addModification(resource, r -> change.run());
		List<IEmfResourceChange> changes = new ArrayList<>();
		serializer.applyModifications(changes::add);
		List<TextEdit> edits = new ArrayList<>();
		for (IEmfResourceChange c : changes) {
			if (c instanceof ITextDocumentChange t && c.getResource() == resource) {
				for (ITextReplacement r : t.getReplacements()) {
					edits.add(new TextEdit(r.getOffset(), r.getLength(), r.getReplacementText()));
				}
			}
		}
		if (planner.cut != null) {
			// the removed text's own edits go with it; an insertion at its start (a name passed on) stays
			TextEdit cut = planner.cut;
			edits.removeIf(e -> e.offset() >= cut.offset() && e.offset() + e.length() <= cut.offset() + cut.length()
					&& !(e.length() == 0 && e.offset() == cut.offset()));
			edits.add(cut);
		}
		edits.sort(Comparator.comparingInt(TextEdit::offset));
		StringBuilder out = new StringBuilder(text);
		for (int i = edits.size() - 1; i >= 0; i--) {
			TextEdit e = edits.get(i);
			out.replace(e.offset(), e.offset() + e.length(), e.text());
		}
		return new Result(out.toString(), List.copyOf(edits));
	}

	/** Checks an edit against the model and returns the change to record; refuses before anything changes. */
	private final class Planner {
		private final Network network;
		private final ModelReport report;
		/** The text a delete removes, whole lines where it was alone on them; made from the parse tree. */
		private TextEdit cut;

		Planner(Network network, ModelReport report) {
			this.network = network;
			this.report = report;
		}

		Runnable plan(DiagramEdit edit) throws EditRefusedException {
			return switch (edit) {
			case DiagramEdit.InsertLayer e -> insert(e);
			case DiagramEdit.DeleteNode e -> delete(e);
			case DiagramEdit.RenameNode e -> rename(e);
			case DiagramEdit.SetArgument e -> setArgument(e);
			case DiagramEdit.Connect e -> connect(e);
			case DiagramEdit.Disconnect e -> disconnect(e);
			};
		}

		private Runnable insert(DiagramEdit.InsertLayer e) throws EditRefusedException {
			Node from = node(e.from());
			LayerStep to = step(e.to());
			Chain chain = chain(to);
			int index = chain.getSteps().indexOf(to);
			if (index == 0 || !feeds(chain.getSteps().get(index - 1), from)) {
				if (referencesOf(to).contains(from)) {
					throw new EditRefusedException("'" + e.from() + "' is an input of the multi-input layer '" + e.to()
							+ "': insert the layer at the end of the chain that computes '" + e.from() + "' instead.");
				}
				throw new EditRefusedException("There is no edge from '" + e.from() + "' to '" + e.to() + "'.");
			}
			Symbol callee = callee(e.kind());
			List<Argument> args = arguments(e.args());
			if (e.name() != null) {
				checkNewName(e.name());
			}
			LayerStep step = NnetFactory.eINSTANCE.createLayerStep();
			step.setCallee(callee);
			step.setCall(!args.isEmpty() || !(callee instanceof Network));
			step.getArgs().addAll(args);
			step.setName(e.name());
			return () -> chain.getSteps().add(index, step);
		}

		private Runnable delete(DiagramEdit.DeleteNode e) throws EditRefusedException {
			Node node = node(e.node());
			if (node instanceof Input) {
				throw new EditRefusedException("'" + e.node() + "' is an input of the network: delete inputs in the text.");
			}
			LayerStep step = step(e.node());
			Chain chain = chain(step);
			int index = chain.getSteps().indexOf(step);
			if (index == 0) {
				throw new EditRefusedException("'" + e.node() + "' takes several inputs: disconnect all but one first, "
						+ "or delete it in the text.");
			}
			LayerStep before = (LayerStep) chain.getSteps().get(index - 1);
			Node predecessor = isReference(before) ? (Node) before.getCallee() : before;
			Collection<EStructuralFeature.Setting> usages = EcoreUtil.UsageCrossReferencer.find(step, network);
			boolean lastOfChain = index == chain.getSteps().size() - 1;
			boolean nameIt = !usages.isEmpty() && predecessor instanceof LayerStep p && p.getName() == null;
			String name = step.getName();
			boolean wholeChain = lastOfChain && chain.getSteps().size() == 2 && isReference(before);
			cut = wholeChain ? cut(chain, chain) : cut(before, step);
			return () -> {
				if (nameIt) {
					step.setName(null);
					((LayerStep) predecessor).setName(name);
				}
				for (EStructuralFeature.Setting s : usages) {
					EcoreUtil.replace(s, step, predecessor);
				}
			};
		}

		/**
		 * The edit removing the text of {@code first} to {@code last} (a step: with the arrow before it), from the
		 * end of the text before to the start of the text after. What lies around it stays as lines: when the
		 * removed text was alone on its line(s), those lines go entirely, comments on them included, the text
		 * before keeps its comment and line break and the text after its indentation; when it ended a line that
		 * keeps other text, that line's end (its comment, its line break) stays; otherwise the space before it
		 * stays. A comment goes only when the whole line it is on goes.
		 */
		private TextEdit cut(EObject before, EObject removed) {
			INode removedNode = NodeModelUtils.findActualNodeFor(removed);
			int start = removedNode.getOffset();
			if (before != removed) {
				start = previousToken(removedNode.getRootNode(), start).getOffset(); // the arrow
			}
			INode previous = previousToken(removedNode.getRootNode(), start);
			int from = previous == null ? 0 : previous.getEndOffset();
			int end = removedNode.getEndOffset();
			int to = nextTokenOffset(removedNode.getRootNode(), end);
			String text = removedNode.getRootNode().getText();
			String gapBefore = text.substring(from, start);
			String gapAfter = text.substring(end, to);
			boolean breaksBefore = gapBefore.contains("\n");
			boolean breaksAfter = gapAfter.contains("\n");
			String kept;
			if (breaksBefore && breaksAfter) {
				kept = gapBefore.substring(0, gapBefore.lastIndexOf('\n') + 1) + gapAfter.substring(gapAfter.lastIndexOf('\n') + 1);
			} else {
				kept = !breaksBefore && breaksAfter ? gapAfter : gapBefore;
			}
			return new TextEdit(from, to - from, kept);
		}

		private Runnable rename(DiagramEdit.RenameNode e) throws EditRefusedException {
			Node node = node(e.node());
			checkNewName(e.newName());
			return () -> node.setName(e.newName());
		}

		private Runnable setArgument(DiagramEdit.SetArgument e) throws EditRefusedException {
			LayerStep step = step(e.node());
			Argument existing = null;
			for (Argument a : step.getArgs()) {
				if (e.name() == null ? a.getName() == null && !(a.getValue() instanceof SymbolRef r && r.getTarget() instanceof Node)
						: e.name().equals(a.getName())) {
					existing = a;
					break;
				}
			}
			String shown = e.name() == null ? "main argument" : "argument '" + e.name() + "'";
			if (e.value() == null) {
				if (existing == null) {
					throw new EditRefusedException("'" + e.node() + "' has no " + shown + " to remove.");
				}
				Argument gone = existing;
				return () -> step.getArgs().remove(gone);
			}
			Expression value = expression(e.value());
			if (existing != null) {
				Argument target = existing;
				return () -> target.setValue(value);
			}
			Argument added = NnetFactory.eINSTANCE.createArgument();
			added.setName(e.name());
			added.setValue(value);
			return () -> {
				step.setCall(true);
				if (e.name() == null) {
					step.getArgs().add(0, added);
				} else {
					step.getArgs().add(added);
				}
			};
		}

		private Runnable connect(DiagramEdit.Connect e) throws EditRefusedException {
			Node from = node(e.from());
			LayerStep to = multiInput(e.to());
			if (from.getName() == null || from instanceof LayerStep s && isGenerated(s)) {
				throw new EditRefusedException("'" + e.from() + "' has no name in the text: rename it first so that '"
						+ e.to() + "' can refer to it.");
			}
			if (referencesOf(to).contains(from)) {
				throw new EditRefusedException("'" + e.from() + "' is already an input of '" + e.to() + "'.");
			}
			int at = 0;
			while (at < to.getArgs().size() && to.getArgs().get(at).getName() == null) {
				at++;
			}
			int index = at;
			Argument arg = NnetFactory.eINSTANCE.createArgument();
			SymbolRef ref = NnetFactory.eINSTANCE.createSymbolRef();
			ref.setTarget(from);
			arg.setValue(ref);
			return () -> to.getArgs().add(index, arg);
		}

		private Runnable disconnect(DiagramEdit.Disconnect e) throws EditRefusedException {
			Node from = node(e.from());
			LayerStep to = step(e.to());
			for (Argument a : to.getArgs()) {
				if (a.getValue() instanceof SymbolRef r && r.getTarget() == from) {
					return () -> to.getArgs().remove(a);
				}
			}
			throw new EditRefusedException("'" + e.from() + "' feeds '" + e.to() + "' in a chain, where a layer takes "
					+ "its input from the step before it: delete a layer or insert one instead.");
		}

		private LayerStep multiInput(String name) throws EditRefusedException {
			LayerStep step = step(name);
			if (chain(step).getSteps().indexOf(step) != 0 || referencesOf(step).isEmpty()) {
				throw new EditRefusedException("'" + name + "' takes its input from the step before it; only "
						+ "multi-input layers (concat, add, multiply) can be connected to more nodes.");
			}
			return step;
		}

		private Node node(String name) throws EditRefusedException {
			NodeReport n = report == null ? null : report.node(name);
			if (n == null || !(n.source() instanceof Node node) || EcoreUtil.getRootContainer(node) != EcoreUtil.getRootContainer(network)) {
				throw new EditRefusedException("There is no node '" + name + "' in network '" + network.getName() + "'.");
			}
			return node;
		}

		private LayerStep step(String name) throws EditRefusedException {
			Node node = node(name);
			if (!(node instanceof LayerStep step)) {
				throw new EditRefusedException("'" + name + "' is an input, not a layer.");
			}
			if (!(step.eContainer() instanceof Chain)) {
				throw new EditRefusedException("'" + name + "' is inside a repeat(...) block: edit it in the text.");
			}
			return step;
		}

		private Chain chain(LayerStep step) {
			return (Chain) step.eContainer();
		}

		private boolean isGenerated(LayerStep step) {
			return step.getName() == null;
		}

		private void checkNewName(String name) throws EditRefusedException {
			if (name == null || !ID.matcher(name).matches() || GrammarUtil.getAllKeywords(grammar()).contains(name)) {
				throw new EditRefusedException("'" + name + "' is not a valid name: use letters, digits and _, "
						+ "not starting with a digit, and not a keyword.");
			}
			if (report.node(name) != null || network.getParameters().stream().anyMatch(p -> name.equals(p.getName()))) {
				throw new EditRefusedException("'" + name + "' is already used in network '" + network.getName() + "'.");
			}
		}

		private Symbol callee(String kind) throws EditRefusedException {
			Symbol builtin = BuiltinLibrary.get().find(kind);
			if (builtin != null) {
				return builtin;
			}
			Model model = (Model) EcoreUtil.getRootContainer(network);
			for (Element e : model.getElements()) {
				if (e instanceof Network n && kind.equals(n.getName()) && n != network) {
					return n;
				}
			}
			throw new EditRefusedException("'" + kind + "' is neither a layer kind nor a network of this file.");
		}

		private List<Argument> arguments(List<Arg> args) throws EditRefusedException {
			List<Argument> result = new ArrayList<>();
			for (Arg a : args) {
				Argument arg = NnetFactory.eINSTANCE.createArgument();
				arg.setName(a.name());
				arg.setValue(expression(a.value()));
				result.add(arg);
			}
			return result;
		}

		/** Parses a value with the language's own parser (entry rule Expression) and links its names. */
		private Expression expression(String text) throws EditRefusedException {
			IParser parser = injector.getInstance(IParser.class);
			ParserRule rule = (ParserRule) GrammarUtil.findRuleForName(grammar(), "Expression");
			IParseResult parsed = parser.parse(rule, new StringReader(text));
			if (parsed.hasSyntaxErrors() || !(parsed.getRootASTElement() instanceof Expression e)) {
				throw new EditRefusedException("'" + text + "' is not a valid value.");
			}
			List<SymbolRef> refs = new ArrayList<>();
			if (e instanceof SymbolRef r) {
				refs.add(r);
			}
			for (TreeIterator<EObject> it = e.eAllContents(); it.hasNext();) {
				if (it.next() instanceof SymbolRef r) {
					refs.add(r);
				}
			}
			for (SymbolRef r : refs) {
				List<INode> nodes = NodeModelUtils.findNodesForFeature(r, NnetPackage.Literals.SYMBOL_REF__TARGET);
				String name = nodes.isEmpty() ? null : NodeModelUtils.getTokenText(nodes.get(0));
				Symbol target = symbol(name);
				if (target == null) {
					throw new EditRefusedException("'" + name + "' in '" + text + "' is not a known name.");
				}
				r.setTarget(target);
			}
			return EcoreUtil.copy(e);
		}

		private Symbol symbol(String name) {
			if (name == null) {
				return null;
			}
			NodeReport n = report.node(name);
			if (n != null && n.source() instanceof Node node && node.getName() != null) {
				return node;
			}
			for (var p : network.getParameters()) {
				if (name.equals(p.getName())) {
					return p;
				}
			}
			return BuiltinLibrary.get().find(name);
		}

		private org.eclipse.xtext.Grammar grammar() {
			return injector.getInstance(IGrammarAccess.class).getGrammar();
		}
	}

	/** The last token (not whitespace or comment) that ends at or before an offset, or {@code null}. */
	private static INode previousToken(INode root, int offset) {
		INode found = null;
		for (ILeafNode leaf : root.getLeafNodes()) {
			if (leaf.getEndOffset() > offset) {
				break;
			}
			if (!leaf.isHidden() && leaf.getLength() > 0) {
				found = leaf;
			}
		}
		return found;
	}

	/** Where the first token (not whitespace or comment) at or after an offset starts, or the text's end. */
	private static int nextTokenOffset(INode root, int offset) {
		for (ILeafNode leaf : root.getLeafNodes()) {
			if (leaf.getOffset() >= offset && !leaf.isHidden() && leaf.getLength() > 0) {
				return leaf.getOffset();
			}
		}
		return root.getEndOffset();
	}

	/** Whether a chain step stands for that node: it is the node, or (first in a chain) a reference to it. */
	private static boolean feeds(org.nnet.model.Step step, Node node) {
		return step == node || step instanceof LayerStep s && isReference(s) && s.getCallee() == node;
	}

	/** A chain's first step naming a node ({@code x -> ...}) rather than computing one. */
	private static boolean isReference(LayerStep step) {
		return !step.isCall() && step.getName() == null && step.getCallee() instanceof Node;
	}

	/** The nodes a multi-input step names among its arguments. */
	private static List<Node> referencesOf(LayerStep step) {
		List<Node> nodes = new ArrayList<>();
		for (Argument a : step.getArgs()) {
			if (a.getName() == null && a.getValue() instanceof SymbolRef r && r.getTarget() instanceof Node n) {
				nodes.add(n);
			}
		}
		return nodes;
	}

	static boolean isOutput(Node node) {
		return node.eContainer() instanceof Output;
	}
}
