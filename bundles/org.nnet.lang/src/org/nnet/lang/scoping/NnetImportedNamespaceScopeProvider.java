/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.scoping;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.scoping.impl.ImportNormalizer;
import org.eclipse.xtext.scoping.impl.ImportedNamespaceAwareLocalScopeProvider;
import org.nnet.model.Model;

/**
 * Import-aware local scoping: besides the file's {@code import}s, every file sees the declarations of
 * its own package in the other files of the project by their simple names.
 */
public class NnetImportedNamespaceScopeProvider extends ImportedNamespaceAwareLocalScopeProvider {

	@Override
	protected List<ImportNormalizer> internalGetImportedNamespaceResolvers(EObject context, boolean ignoreCase) {
		List<ImportNormalizer> resolvers = super.internalGetImportedNamespaceResolvers(context, ignoreCase);
		if (context instanceof Model model && model.getName() != null && !model.getName().isBlank()) {
			ImportNormalizer samePackage = createImportedNamespaceResolver(model.getName() + ".*", ignoreCase);
			if (samePackage != null) {
				List<ImportNormalizer> all = new ArrayList<>(resolvers);
				all.add(samePackage);
				return all;
			}
		}
		return resolvers;
	}
}
