/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.scoping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceImpl;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.model.Builtin;
import org.nnet.model.NnetFactory;

/**
 * The names the language predefines (layer kinds, activations, optimizers, data sources, ...) as
 * {@link Builtin} objects, so that a reference such as {@code dense} or {@code relu} links like any
 * other name and content assist, hovers and "unknown name" errors treat them uniformly. They come
 * from {@link Catalog} in org.nnet.core and live in one shared, never-saved resource.
 */
public final class BuiltinLibrary {

	/** The URI of the resource holding the built-ins; it is never a file. */
	public static final URI URI_ = URI.createURI("nnet:/builtins.nnet");

	private static final BuiltinLibrary INSTANCE = new BuiltinLibrary();

	private final Resource resource = new ResourceImpl(URI_);
	private final Map<String, Builtin> byName = new LinkedHashMap<>();
	private final List<IEObjectDescription> descriptions;

	private BuiltinLibrary() {
		List<IEObjectDescription> list = new ArrayList<>();
		for (CatalogEntry entry : Catalog.builtins()) {
			Builtin builtin = NnetFactory.eINSTANCE.createBuiltin();
			builtin.setName(entry.name());
			builtin.setCategory(entry.categoryId());
			resource.getContents().add(builtin);
			byName.put(entry.name(), builtin);
			list.add(EObjectDescription.create(QualifiedName.create(entry.name()), builtin));
		}
		descriptions = Collections.unmodifiableList(list);
	}

	/** The one library of built-ins. */
	public static BuiltinLibrary get() {
		return INSTANCE;
	}

	/** The built-in of that name, or null. */
	public Builtin find(String name) {
		return byName.get(name);
	}

	/** Descriptions of the built-ins whose type fits a reference of type {@code type}. */
	public List<IEObjectDescription> descriptions(EClass type) {
		if (type.isSuperTypeOf(org.nnet.model.NnetPackage.Literals.BUILTIN)) {
			return descriptions;
		}
		return List.of();
	}

	/** Whether an object is one of the built-ins. */
	public static boolean isBuiltin(org.eclipse.emf.ecore.EObject object) {
		return object != null && object.eResource() != null && URI_.equals(object.eResource().getURI());
	}
}
