/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.ide;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.eclipse.xtext.util.Modules2;
import org.nnet.lang.NnetRuntimeModule;
import org.nnet.lang.NnetStandaloneSetup;

/**
 * Initialization support for running Xtext languages as language servers.
 */
public class NnetIdeSetup extends NnetStandaloneSetup {

	@Override
	public Injector createInjector() {
		return Guice.createInjector(Modules2.mixin(new NnetRuntimeModule(), new NnetIdeModule()));
	}
	
}
