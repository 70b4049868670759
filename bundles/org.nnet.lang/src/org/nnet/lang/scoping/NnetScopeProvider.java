/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.scoping;

/**
 * Scoping of the .nnet language. Names resolve through the import-aware local scopes (a network's
 * inputs, named steps and parameters by their simple names inside it; declarations by qualified name,
 * by import, or within the same package) and then the built-ins; see {@link NnetGlobalScopeProvider}.
 */
public class NnetScopeProvider extends AbstractNnetScopeProvider {
}
