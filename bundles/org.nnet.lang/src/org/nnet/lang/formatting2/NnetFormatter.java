/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.formatting2;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.preferences.ITypedPreferenceValues;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.preferences.PreferenceKey;
import org.eclipse.xtext.preferences.TypedPreferenceValues;
import org.eclipse.xtext.xbase.lib.Pair;
import org.nnet.model.Autoencoder;
import org.nnet.model.Element;
import org.nnet.model.Gan;
import org.nnet.model.Import;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.RepeatStep;
import org.nnet.model.Training;

/**
 * Formats .nnet text (Ctrl+Shift+F, {@code nnet format}).
 * <p>
 * Declarations are separated by one blank line, the members of a block (inputs, chains, outputs,
 * settings) start on their own lines, indented by four spaces, and spacing within a line is normalised
 * ({@code dense(128, activation: relu)}, {@code a -> b}). What the user chose deliberately is kept:
 * whitespace that holds a comment is never touched (aligned trailing comments stay aligned), and a line
 * break inside a chain or an argument list stays where it is, with its indentation, so that chains
 * written one step per line with aligned arrows keep their shape.
 */
public class NnetFormatter extends AbstractJavaFormatter {

	private IFormattableDocument document;

	/** Four spaces per level unless the request's preferences (an editor's, a language client's) say otherwise. */
	@Override
	protected void initialize(FormatterRequest request) {
		ITypedPreferenceValues preferences = request.getPreferences();
		String indentationId = FormatterPreferenceKeys.indentation.getId();
		// asked with no default, so that an unset preference reads as null instead of Xtext's tab
		if (preferences == null || preferences.getPreference(new PreferenceKey(indentationId, null)) == null) {
			request.setPreferences(TypedPreferenceValues.castOrWrap(new MapBasedPreferenceValues(preferences, Map.of(indentationId, "    "))));
		}
		super.initialize(request);
	}

	protected void format(Model model, IFormattableDocument doc) {
		document = doc;
		ITextRegionAccess access = getTextRegionAccess();
		IEObjectRegion root = access.regionForRootEObject();
		if (root == null) {
			return;
		}
		Set<IHiddenRegion> lineStarts = new HashSet<>();
		Set<IHiddenRegion> declarationStarts = new HashSet<>();
		collectLineStarts(model, lineStarts, declarationStarts);

		for (ISemanticRegion region : root.getAllSemanticRegions()) {
			IHiddenRegion after = region.getNextHiddenRegion();
			ISemanticRegion next = region.getNextSemanticRegion();
			if (after == null || next == null || after.containsComment()) {
				continue;
			}
			if (declarationStarts.contains(after)) {
				doc.set(after, f -> f.setNewLines(2));
			} else if (lineStarts.contains(after)) {
				doc.set(after, f -> f.setNewLines(1, 1, 2));
			} else if (!after.getText().contains("\n")) {
				String space = spaceBetween(region.getText(), next.getText(), region, next);
				if (space != null) {
					doc.set(after, f -> f.setSpace(space));
				}
			}
		}
		// the whitespace before the first token (e.g. stray blank lines) goes, unless it holds a comment
		IHiddenRegion first = root.getPreviousHiddenRegion();
		if (first != null && !first.containsComment()) {
			// noSpace(), not setNewLines(0): a replacer with zero new lines and no space leaves the region as it is
			doc.set(first, f -> f.noSpace());
		}
		IHiddenRegion last = root.getNextHiddenRegion();
		if (last != null && !last.containsComment()) {
			doc.set(last, f -> f.setNewLines(1, 1, 1));
		}
	}

	private void collectLineStarts(Model model, Set<IHiddenRegion> lineStarts, Set<IHiddenRegion> declarationStarts) {
		boolean firstTopLevel = true;
		if (model.getName() != null) {
			firstTopLevel = false;
		}
		for (Import imp : model.getImports()) {
			addBefore(imp, firstTopLevel ? null : lineStarts);
			firstTopLevel = false;
		}
		for (Element element : model.getElements()) {
			addBefore(element, firstTopLevel ? null : declarationStarts);
			firstTopLevel = false;
			List<? extends EObject> members;
			if (element instanceof Network network) {
				members = concat(network.getInputs(), network.getChains(), network.getOutputs());
			} else if (element instanceof Training t) {
				members = t.getProperties();
			} else if (element instanceof Autoencoder a) {
				members = a.getProperties();
			} else if (element instanceof Gan g) {
				members = g.getProperties();
			} else {
				continue;
			}
			block(element, members, lineStarts);
			if (element instanceof Network network) {
				network.eAllContents().forEachRemaining(o -> {
					if (o instanceof RepeatStep repeat) {
						indentBraces(repeat);
					}
				});
			}
		}
	}

	private void block(EObject owner, List<? extends EObject> members, Set<IHiddenRegion> lineStarts) {
		for (EObject member : members) {
			addBefore(member, lineStarts);
		}
		Pair<ISemanticRegion, ISemanticRegion> braces = braces(owner);
		if (braces != null) {
			IHiddenRegion beforeClose = braces.getValue().getPreviousHiddenRegion();
			if (beforeClose != null) {
				lineStarts.add(beforeClose);
			}
			document.interior(braces.getKey(), braces.getValue(), f -> f.indent());
		}
	}

	private void indentBraces(EObject owner) {
		Pair<ISemanticRegion, ISemanticRegion> braces = braces(owner);
		if (braces != null && isMultiline(owner)) {
			document.interior(braces.getKey(), braces.getValue(), f -> f.indent());
		}
	}

	private Pair<ISemanticRegion, ISemanticRegion> braces(EObject owner) {
		ISemanticRegion open = regionFor(owner).keyword("{");
		ISemanticRegion close = regionFor(owner).keyword("}");
		return open == null || close == null ? null : Pair.of(open, close);
	}

	private void addBefore(EObject object, Set<IHiddenRegion> into) {
		if (into == null) {
			return;
		}
		IEObjectRegion region = regionForEObject(object);
		if (region != null && region.getPreviousHiddenRegion() != null) {
			into.add(region.getPreviousHiddenRegion());
		}
	}

	@SafeVarargs
	private static List<? extends EObject> concat(List<? extends EObject>... lists) {
		java.util.ArrayList<EObject> all = new java.util.ArrayList<>();
		for (List<? extends EObject> list : lists) {
			all.addAll(list);
		}
		// members are formatted in text order, whatever their kind
		all.sort(java.util.Comparator.comparingInt(o -> {
			var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(o);
			return node == null ? 0 : node.getOffset();
		}));
		return all;
	}

	/**
	 * The space between two tokens on one line, or null to leave it as written.
	 */
	private static String spaceBetween(String left, String right, ISemanticRegion leftRegion, ISemanticRegion rightRegion) {
		switch (right) {
		case ",":
		case ")":
		case "]":
		case ".":
		case ".*":
			return "";
		case ":":
			return "";
		default:
			break;
		}
		switch (left) {
		case "(":
		case "[":
		case ".":
			return "";
		case ",":
		case ":":
		case "->":
		case "=":
		case "as":
		case "of":
			return " ";
		case "-":
			// unary minus binds to its operand; binary minus is spaced
			return isUnaryMinus(leftRegion) ? "" : " ";
		default:
			break;
		}
		if (right.equals("(")) {
			// a call: dense(…), repeat(…), Inception(…); a parenthesised expression after an operator keeps a space
			return isWord(left) ? "" : " ";
		}
		if (right.equals("->") || right.equals("as") || right.equals("=") || right.equals("{") || right.equals("of")) {
			return " ";
		}
		if (isOperator(left) || isOperator(right)) {
			return right.equals("-") && isUnaryMinus(rightRegion) && !isWord(left) && !left.equals(")") ? null : " ";
		}
		if (isWord(left) && isWord(right)) {
			return " ";
		}
		return null;
	}

	private static boolean isUnaryMinus(ISemanticRegion region) {
		return region.getSemanticElement() instanceof org.nnet.model.UnaryMinus;
	}

	private static boolean isOperator(String token) {
		return token.equals("+") || token.equals("*") || token.equals("/") || token.equals("-");
	}

	private static boolean isWord(String token) {
		return !token.isEmpty() && (Character.isLetterOrDigit(token.charAt(0)) || token.charAt(0) == '_'
				|| token.charAt(0) == '"' || token.equals("?") || token.equals(")") || token.equals("]"));
	}
}
