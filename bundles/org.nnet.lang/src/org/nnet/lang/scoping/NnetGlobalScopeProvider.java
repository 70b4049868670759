/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.scoping;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.DefaultGlobalScopeProvider;
import org.eclipse.xtext.scoping.impl.SimpleScope;

import com.google.common.base.Predicate;

/** The global scope of the project's files, with the language's built-ins behind it (a user's name shadows a built-in). */
public class NnetGlobalScopeProvider extends DefaultGlobalScopeProvider {

	@Override
	protected IScope getScope(Resource context, boolean ignoreCase, EClass type,
			Predicate<IEObjectDescription> filter) {
		IScope builtins = new SimpleScope(IScope.NULLSCOPE, BuiltinLibrary.get().descriptions(type), ignoreCase);
		return getScope(builtins, context, ignoreCase, type, filter);
	}
}
