package org.nnet.diagram.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.change.FeatureChange;
import org.eclipse.emf.ecore.change.ListChange;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionDiffBuilder;
import org.eclipse.xtext.ide.serializer.impl.PartialSerializer;
import org.eclipse.xtext.serializer.ISerializationContext;
import org.eclipse.xtext.serializer.acceptor.ISemanticSequenceAcceptor;
import org.eclipse.xtext.serializer.acceptor.ISequenceAcceptor;
import org.eclipse.xtext.serializer.acceptor.ISyntacticSequenceAcceptor;
import org.eclipse.xtext.serializer.acceptor.TokenStreamSequenceAdapter;
import org.eclipse.xtext.serializer.analysis.IGrammarConstraintProvider.IConstraint;
import org.eclipse.xtext.serializer.diagnostic.ISerializationDiagnostic;
import org.eclipse.xtext.serializer.sequencer.IContextFinder;
import org.eclipse.xtext.serializer.sequencer.IHiddenTokenSequencer;
import org.eclipse.xtext.serializer.sequencer.ISemanticSequencer;
import org.eclipse.xtext.serializer.sequencer.ISyntacticSequencer;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Xtext's partial serializer, taught lists written with a separator ({@code steps+=Step ('->' steps+=Step)*},
 * {@code args+=Argument (',' args+=Argument)*}). Xtext re-serialises the whole owner of such a list when an
 * item is added or removed, which loses and duplicates the comments at the ends of lines in a chain; here
 * an added item is inserted with its separator next to its neighbour (on its own line if the list is
 * written one item per line) and a removed item is deleted with its separator and its own comment. All
 * other changes go to Xtext unchanged.
 * <p>
 * Belongs in the language's IDE module; bound by {@link DiagramLanguage} until it moves there.
 */
public class SeparatedListSerializer extends PartialSerializer {

	@Inject
	private Provider<IHiddenTokenSequencer> hiddenSequencers;
	@Inject
	private Provider<ISemanticSequencer> semanticSequencers;
	@Inject
	private Provider<ISyntacticSequencer> syntacticSequencers;
	@Inject
	private IContextFinder contextFinder;
	@Inject
	private IGrammarAccess grammar;

	@Override
	@SuppressWarnings("unchecked")
	protected List<SerializationStrategy> trySerializeMultiValue(EObject owner, FeatureChange change,
			IEObjectRegion ownerRegion, IConstraint constraint) {
		List<SerializationStrategy> standard = super.trySerializeMultiValue(owner, change, ownerRegion, constraint);
		EStructuralFeature feature = change.getFeature();
		if (standard != null || !(feature instanceof EReference ref) || !ref.isContainment() || !feature.isMany()) {
			return standard;
		}
		ITextRegionAccess access = ownerRegion.getTextRegionAccess();
		Set<EObject> candidates = new LinkedHashSet<>();
		for (ListChange lc : change.getListChanges()) {
			candidates.addAll(lc.getReferenceValues());
		}
		List<EObject> now = (List<EObject>) owner.eGet(feature);
		candidates.addAll(now);
		List<IEObjectRegion> originals = new ArrayList<>();
		for (EObject o : candidates) {
			IEObjectRegion region = access.regionForEObject(o);
			if (region != null) {
				originals.add(region);
			}
		}
		originals.sort(Comparator.comparingInt(IEObjectRegion::getOffset));
		Keyword separator = null;
		for (int i = 1; i < originals.size(); i++) {
			ISemanticRegion s = originals.get(i).getPreviousSemanticRegion();
			if (s == null || !(s.getGrammarElement() instanceof Keyword k)
					|| separator != null && !separator.getValue().equals(k.getValue())) {
				return null;
			}
			separator = k;
		}
		if (separator == null) {
			return null;
		}
		List<EObject> before = originals.stream().map(IEObjectRegion::getSemanticElement).toList();
		List<EObject> keptBefore = before.stream().filter(now::contains).toList();
		List<EObject> keptNow = now.stream().filter(before::contains).toList();
		if (keptNow.isEmpty() || !keptBefore.equals(keptNow)) {
			return null;
		}
		List<SerializationStrategy> result = new ArrayList<>();
		for (int k = 0; k < originals.size(); k++) {
			IEObjectRegion item = originals.get(k);
			if (now.contains(item.getSemanticElement())) {
				continue;
			}
			if (k > 0) {
				ISemanticRegion sep = item.getPreviousSemanticRegion();
				result.add(diff -> diff.remove(sep.getPreviousHiddenRegion(), item.getNextHiddenRegion()));
			} else {
				ISemanticRegion sep = item.getNextSemanticRegion();
				result.add(diff -> diff.remove(item.getPreviousHiddenRegion(), sep.getNextHiddenRegion()));
			}
		}
		Keyword sep = separator;
		ISemanticRegion firstSeparator = originals.get(1).getPreviousSemanticRegion();
		String afterSep = firstSeparator.getNextHiddenRegion().getText();
		String beforeSep = firstSeparator.getPreviousHiddenRegion().getText();
		Spacing spacing = new Spacing(beforeSep.contains("\n") || beforeSep.contains("//") ? " " : beforeSep,
				afterSep.contains("\n") ? " " : afterSep);
		for (int j = 0; j < now.size(); j++) {
			if (before.contains(now.get(j)) || j > 0 && !before.contains(now.get(j - 1))) {
				continue;
			}
			List<EObject> run = new ArrayList<>();
			int q = j;
			while (q < now.size() && !before.contains(now.get(q))) {
				run.add(now.get(q++));
			}
			if (j > 0 && q < now.size()) {
				// between two kept items: right after the separator of the next one, so that the previous
				// item's line (and its comment) stays untouched
				IHiddenRegion previousGap = access.regionForEObject(now.get(j - 1)).getNextHiddenRegion();
				IHiddenRegion at = access.regionForEObject(now.get(q)).getPreviousHiddenRegion();
				String gap = gap(previousGap, spacing);
				result.add(diff -> insertBeforeNext(diff, at, run, sep, gap));
			} else if (j > 0) {
				IHiddenRegion at = access.regionForEObject(now.get(j - 1)).getNextHiddenRegion();
				result.add(diff -> insert(diff, at, run, sep, spacing, true));
			} else {
				IHiddenRegion at = access.regionForEObject(now.get(q)).getPreviousHiddenRegion();
				result.add(diff -> insert(diff, at, run, sep, spacing, false));
			}
		}
		return result;
	}

	/** The whitespace the user writes around a separator. */
	private record Spacing(String before, String after) {
	}

	/** The gap after an inserted item: a line break with the line's indentation if the list breaks lines there. */
	private static String gap(IHiddenRegion at, Spacing spacing) {
		String text = at.getText();
		int nl = text.lastIndexOf('\n');
		return nl >= 0 ? "\n" + text.substring(nl + 1) : spacing.before();
	}

	/** Inserts {@code item <gap> sep} after the separator of the next item: {@code -> new\n    -> next}. */
	private void insertBeforeNext(ITextRegionDiffBuilder diff, IHiddenRegion at, List<EObject> items, Keyword sep,
			String gap) {
		TerminalRule ws = (TerminalRule) GrammarUtil.findRuleForName(grammar.getGrammar(), "WS");
		for (EObject root : items) {
			ISerializationContext context = contextFinder.findByContentsAndContainer(root, null).iterator().next();
			ISemanticSequencer semantic = semanticSequencers.get();
			ISyntacticSequencer syntactic = syntacticSequencers.get();
			IHiddenTokenSequencer hidden = hiddenSequencers.get();
			semantic.init((ISemanticSequenceAcceptor) syntactic, ISerializationDiagnostic.EXCEPTION_THROWING_ACCEPTOR);
			syntactic.init(context, root, (ISyntacticSequenceAcceptor) hidden, ISerializationDiagnostic.EXCEPTION_THROWING_ACCEPTOR);
			ISequenceAcceptor acceptor = diff.replaceSequence(at, at, context, root);
			hidden.init(context, root, acceptor, ISerializationDiagnostic.EXCEPTION_THROWING_ACCEPTOR);
			if (acceptor instanceof TokenStreamSequenceAdapter adapter) {
				adapter.init(context);
			}
			semantic.createSequence(context, root);
			acceptor.acceptWhitespace(ws, gap, null);
			acceptor.acceptUnassignedKeyword(sep, sep.getValue(), null);
		}
	}

	private void insert(ITextRegionDiffBuilder diff, IHiddenRegion at, List<EObject> items, Keyword sep,
			Spacing spacing, boolean separatorFirst) {
		TerminalRule ws = (TerminalRule) GrammarUtil.findRuleForName(grammar.getGrammar(), "WS");
		String gap = gap(at, spacing);
		for (EObject root : items) {
			ISerializationContext context = contextFinder.findByContentsAndContainer(root, null).iterator().next();
			ISemanticSequencer semantic = semanticSequencers.get();
			ISyntacticSequencer syntactic = syntacticSequencers.get();
			IHiddenTokenSequencer hidden = hiddenSequencers.get();
			semantic.init((ISemanticSequenceAcceptor) syntactic, ISerializationDiagnostic.EXCEPTION_THROWING_ACCEPTOR);
			syntactic.init(context, root, (ISyntacticSequenceAcceptor) hidden, ISerializationDiagnostic.EXCEPTION_THROWING_ACCEPTOR);
			ISequenceAcceptor acceptor = diff.replaceSequence(at, at, context, root);
			hidden.init(context, root, acceptor, ISerializationDiagnostic.EXCEPTION_THROWING_ACCEPTOR);
			if (acceptor instanceof TokenStreamSequenceAdapter adapter) {
				adapter.init(context);
			}
			if (separatorFirst) {
				acceptor.acceptUnassignedKeyword(sep, sep.getValue(), null);
				acceptor.acceptWhitespace(ws, spacing.after(), null);
				semantic.createSequence(context, root);
				acceptor.acceptWhitespace(ws, gap, null);
			} else {
				semantic.createSequence(context, root);
				acceptor.acceptWhitespace(ws, spacing.before(), null);
				acceptor.acceptUnassignedKeyword(sep, sep.getValue(), null);
				acceptor.acceptWhitespace(ws, spacing.after(), null);
			}
		}
	}
}
