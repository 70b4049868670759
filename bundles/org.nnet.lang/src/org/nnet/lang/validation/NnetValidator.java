/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.validation;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.nnet.core.Problem;
import org.nnet.core.Severity;
import org.nnet.core.inference.ShapeInference;
import org.nnet.lang.scoping.BuiltinLibrary;
import org.nnet.model.Element;
import org.nnet.model.Import;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.NnetPackage;
import org.nnet.model.Parameter;
import org.nnet.model.Symbol;

import com.google.inject.Inject;

/**
 * Validation of .nnet files. Names and imports are checked here; everything about shapes, parameter
 * counts, layer arguments, composites and trainings is asked of {@link ShapeInference} in org.nnet.core,
 * whose {@link Problem}s become markers with their issue codes and quick-fix data.
 */
public class NnetValidator extends AbstractNnetValidator {

	/** A name declared twice in one scope; data: the name. */
	public static final String DUPLICATE_NAME = "org.nnet.lang.duplicateName";
	/** An import that matches nothing; data: the imported name. */
	public static final String UNRESOLVED_IMPORT = "org.nnet.lang.unresolvedImport";

	/** A package the JDK owns (java, javax): the generated program could not compile; data: the package. */
	public static final String RESERVED_PACKAGE = "org.nnet.lang.reservedPackage";
	/** A declaration named like a built-in layer, source or function, which it would hide; data: the name. */
	public static final String SHADOWS_BUILTIN = "org.nnet.lang.shadowsBuiltin";

	private final ShapeInference inference = new ShapeInference();

	@Inject
	private IQualifiedNameProvider names;

	@Inject
	private ResourceDescriptionsProvider indexProvider;

	/** Shapes, parameter counts, arguments, composites, datasets and trainings: all of core's checks. */
	@Check
	public void checkWithShapeInference(Element element) {
		for (Problem problem : inference.check(element)) {
			report(problem, element);
		}
	}

	private void report(Problem problem, Element element) {
		EObject on = problem.object();
		EStructuralFeature feature = problem.feature();
		if (on == null || on.eResource() != element.eResource() || !EcoreUtil.isAncestor(element, on)) {
			on = element;
			feature = NnetPackage.Literals.SYMBOL__NAME;
		}
		if (feature != null && !on.eClass().getEAllStructuralFeatures().contains(feature)) {
			feature = null;
		}
		String[] data = problem.data();
		if (problem.severity() == Severity.ERROR) {
			getMessageAcceptor().acceptError(problem.message(), on, feature, ValidationMessageAcceptor.INSIGNIFICANT_INDEX,
					problem.code(), data);
		} else {
			getMessageAcceptor().acceptWarning(problem.message(), on, feature,
					ValidationMessageAcceptor.INSIGNIFICANT_INDEX, problem.code(), data);
		}
	}

	/** A package of the JDK: Java refuses a program declared in it. */
	@Check
	public void checkPackageIsNotTheJdks(Model model) {
		String name = model.getName();
		String first = name == null ? "" : name.split("\\.", 2)[0];
		if (first.equals("java") || first.equals("javax")) {
			error("The package " + name + " belongs to the JDK, and Java refuses a program declared in it: choose another, e.g. my."
					+ name, model, NnetPackage.Literals.MODEL__NAME, RESERVED_PACKAGE, name);
		}
	}

	/** A declaration with the name of a built-in: every use of that name would mean one of them silently. */
	@Check
	public void checkNotNamedLikeABuiltin(Element element) {
		String name = element.getName();
		if (name != null && element.eContainer() instanceof Model && BuiltinLibrary.get().find(name) != null) {
			error("'" + name + "' is the name of a built-in: a declaration of that name would hide it or be hidden by it; "
					+ "choose another name", element, NnetPackage.Literals.SYMBOL__NAME, SHADOWS_BUILTIN, name);
		}
	}

	/** Two declarations of one file with the same name. */
	@Check
	public void checkUniqueDeclarations(Model model) {
		Map<String, Element> seen = new HashMap<>();
		for (Element element : model.getElements()) {
			String name = element.getName();
			if (name == null) {
				continue;
			}
			Element first = seen.putIfAbsent(name, element);
			if (first != null) {
				error("'" + name + "' is already declared in this file (line " + line(first)
						+ "): rename one of them", element, NnetPackage.Literals.SYMBOL__NAME, DUPLICATE_NAME, name);
			}
		}
	}

	/** A declaration whose qualified name another file of the project declares too. */
	@Check(CheckType.NORMAL)
	public void checkUniqueAcrossFiles(Element element) {
		QualifiedName qualified = names.getFullyQualifiedName(element);
		if (qualified == null || element.eResource() == null) {
			return;
		}
		IResourceDescriptions index = indexProvider.getResourceDescriptions(element.eResource());
		// the index holds normalized URIs (a relative URI becomes file:/...), so compare both forms
		org.eclipse.emf.common.util.URI own = element.eResource().getURI();
		org.eclipse.emf.common.util.URI ownNormalized = element.eResource().getResourceSet() == null ? own
				: element.eResource().getResourceSet().getURIConverter().normalize(own);
		for (IEObjectDescription other : index.getExportedObjects(NnetPackage.Literals.ELEMENT, qualified, false)) {
			org.eclipse.emf.common.util.URI otherUri = other.getEObjectURI().trimFragment();
			if (!otherUri.equals(own) && !otherUri.equals(ownNormalized)) {
				error("'" + qualified + "' is also declared in " + other.getEObjectURI().trimFragment().lastSegment()
						+ ": names must be unique within a package", element, NnetPackage.Literals.SYMBOL__NAME,
						DUPLICATE_NAME, element.getName());
				return;
			}
		}
	}

	/** Inputs, named steps and parameters of a network share one namespace. */
	@Check
	public void checkUniqueNodeNames(Network network) {
		Map<String, EObject> seen = new HashMap<>();
		for (Parameter parameter : network.getParameters()) {
			unique(parameter, seen);
		}
		network.eAllContents().forEachRemaining(object -> {
			if (object instanceof org.nnet.model.Node node) {
				unique(node, seen);
			}
		});
	}

	private void unique(Symbol symbol, Map<String, EObject> seen) {
		String name = symbol.getName();
		if (name == null) {
			return;
		}
		EObject first = seen.putIfAbsent(name, symbol);
		if (first != null) {
			error("'" + name + "' already names " + describe(first) + " of this network (line " + line(first)
					+ "): choose another name", symbol, NnetPackage.Literals.SYMBOL__NAME, DUPLICATE_NAME, name);
		}
	}

	/** An import must name a declaration, or a package with {@code .*}. */
	@Check(CheckType.NORMAL)
	public void checkImportResolves(Import imp) {
		String imported = imp.getImportedNamespace();
		if (imported == null || imp.eResource() == null) {
			return;
		}
		boolean wildcard = imported.endsWith(".*");
		String prefix = wildcard ? imported.substring(0, imported.length() - 2) : imported;
		QualifiedName name = QualifiedName.create(prefix.split("\\."));
		IResourceDescriptions index = indexProvider.getResourceDescriptions(imp.eResource());
		boolean found;
		if (wildcard) {
			found = false;
			for (IEObjectDescription d : index.getExportedObjectsByType(NnetPackage.Literals.ELEMENT)) {
				if (d.getQualifiedName().startsWith(name) && d.getQualifiedName().getSegmentCount() > name.getSegmentCount()) {
					found = true;
					break;
				}
			}
		} else {
			found = index.getExportedObjects(NnetPackage.Literals.ELEMENT, name, false).iterator().hasNext();
		}
		if (!found) {
			error((wildcard ? "no declarations in package '" + prefix + "'" : "nothing named '" + imported + "'")
					+ " in this project: check the spelling, or that the file declaring it has that package",
					imp, NnetPackage.Literals.IMPORT__IMPORTED_NAMESPACE, UNRESOLVED_IMPORT, imported);
		}
	}

	private static String describe(EObject object) {
		if (object instanceof Parameter) {
			return "a parameter";
		}
		if (object instanceof org.nnet.model.Input) {
			return "an input";
		}
		return "a node";
	}

	private static int line(EObject object) {
		var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(object);
		return node == null ? 0 : node.getStartLine();
	}
}
