package org.nnet.lang.ide.rename;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.ide.serializer.IChangeSerializer;
import org.eclipse.xtext.ide.serializer.IEmfResourceChange;
import org.eclipse.xtext.ide.serializer.ITextDocumentChange;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.nnet.lang.ide.RefusedException;
import org.nnet.lang.ide.TextEdit;
import org.nnet.lang.ide.navigation.NnetNavigation;
import org.nnet.lang.scoping.BuiltinLibrary;
import org.nnet.model.Element;
import org.nnet.model.Import;
import org.nnet.model.Input;
import org.nnet.model.Model;
import org.nnet.model.Parameter;
import org.nnet.model.Step;
import org.nnet.model.Symbol;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Renames a declaration and every reference to it, in every file of a resource set, through Xtext's
 * change serializer: the model is changed (the name, and imports naming it) and the serializer writes
 * minimal text edits for the declaration and for each reference it has to re-spell. Refuses invalid
 * names and names that clash with a sibling declaration or a built-in, before anything changes.
 */
public class NnetRename {

	private static final Pattern ID = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");

	@Inject
	private Provider<IChangeSerializer> serializers;
	@Inject
	private IQualifiedNameProvider names;
	@Inject
	private IGrammarAccess grammar;
	@Inject
	private NnetNavigation navigation;

	/** Why a new name cannot be used for the symbol, or {@code null} when it can. */
	public String checkName(Symbol target, String newName) {
		if (newName == null || !ID.matcher(newName).matches()) {
			return "'" + newName + "' is not a name: use letters, digits and _, not starting with a digit.";
		}
		if (GrammarUtil.getAllKeywords(grammar.getGrammar()).contains(newName)) {
			return "'" + newName + "' is a keyword of the language.";
		}
		if (newName.equals(target.getName())) {
			return "The new name is the current name.";
		}
		if (BuiltinLibrary.get().find(newName) != null) {
			return "'" + newName + "' is a built-in name (a layer, activation, source, ...): choose another.";
		}
		Symbol clash = clash(target, newName);
		if (clash != null) {
			return "'" + newName + "' is already declared " + where(clash) + ".";
		}
		return null;
	}

	/**
	 * The text edits, per file, that rename the symbol to {@code newName} in every resource of its
	 * resource set.
	 */
	public Map<URI, List<TextEdit>> rename(Symbol target, String newName) throws RefusedException {
		if (!(target instanceof Element || target instanceof Parameter || target instanceof Input || target instanceof Step)
				|| target.getName() == null || BuiltinLibrary.isBuiltin(target)) {
			throw new RefusedException("Only a declared name can be renamed (a network, composite, dataset, training, "
					+ "parameter, input or a layer named with 'as').");
		}
		String problem = checkName(target, newName);
		if (problem != null) {
			throw new RefusedException(problem);
		}
		List<Resource> all = new ArrayList<>(target.eResource().getResourceSet().getResources());
		all.removeIf(r -> BuiltinLibrary.URI_.equals(r.getURI()));
		Set<URI> referring = new LinkedHashSet<>();
		navigation.references(target, all).forEach(l -> referring.add(l.uri()));
		QualifiedName oldName = target instanceof Element ? names.getFullyQualifiedName(target) : null;
		IChangeSerializer serializer = serializers.get();
		serializer.setUpdateRelatedFiles(false); // every referring file is recorded below, from the editors' texts
		serializer.addModification(target, t -> t.setName(newName));
		for (Resource r : all) {
			List<Import> imports = oldName == null ? List.of() : importsOf(r, oldName.toString());
			if (r != target.eResource() && (referring.contains(r.getURI()) || !imports.isEmpty())) {
				serializer.addModification(r, x -> {
				});
			}
			for (Import i : imports) {
				String renamed = oldName.skipLast(1).append(newName).toString();
				serializer.addModification(i, x -> x.setImportedNamespace(renamed));
			}
		}
		Map<URI, List<TextEdit>> edits = new LinkedHashMap<>();
		List<IEmfResourceChange> changes = new ArrayList<>();
		serializer.applyModifications(changes::add);
		for (IEmfResourceChange change : changes) {
			if (change instanceof ITextDocumentChange text && !text.getReplacements().isEmpty()) {
				List<TextEdit> list = edits.computeIfAbsent(text.getOldURI(), u -> new ArrayList<>());
				for (ITextReplacement r : text.getReplacements()) {
					list.add(new TextEdit(r.getOffset(), r.getLength(), r.getReplacementText()));
				}
			}
		}
		return edits;
	}

	private static List<Import> importsOf(Resource resource, String qualifiedName) {
		List<Import> out = new ArrayList<>();
		if (!resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Model m) {
			for (Import i : m.getImports()) {
				if (qualifiedName.equals(i.getImportedNamespace())) {
					out.add(i);
				}
			}
		}
		return out;
	}

	/** A declaration the renamed symbol would clash with: a sibling in its network, or a declaration of its package. */
	private Symbol clash(Symbol target, String newName) {
		if (target instanceof Element) {
			QualifiedName renamed = names.getFullyQualifiedName(target).skipLast(1).append(newName);
			for (Resource r : target.eResource().getResourceSet().getResources()) {
				for (EObject o : r.getContents().isEmpty() ? List.<EObject>of() : r.getContents().get(0).eContents()) {
					if (o instanceof Element e && o != target && renamed.equals(names.getFullyQualifiedName(e))) {
						return e;
					}
				}
			}
			return null;
		}
		Element owner = EcoreUtil2.getContainerOfType(target, Element.class);
		if (owner == null) {
			return null;
		}
		for (Symbol s : EcoreUtil2.eAllOfType(owner, Symbol.class)) {
			if (s != target && Objects.equals(newName, s.getName())) {
				return s;
			}
		}
		return null;
	}

	private String where(Symbol s) {
		String kind = s.eClass().getName().toLowerCase(java.util.Locale.ROOT);
		var location = navigation.declaration(s);
		String file = location.uri().lastSegment();
		return "as a " + kind + " in " + file + " line " + location.line();
	}
}
