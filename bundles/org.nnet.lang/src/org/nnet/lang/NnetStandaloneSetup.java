/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang;

import org.eclipse.emf.ecore.EPackage;
import org.nnet.model.NnetPackage;

import com.google.inject.Injector;

/**
 * Sets the language up without the Equinox extension registry (command line, tests): registers the
 * hand-written metamodel, which the generated setup does not do for an imported metamodel.
 */
public class NnetStandaloneSetup extends NnetStandaloneSetupGenerated {

	public static void doSetup() {
		new NnetStandaloneSetup().createInjectorAndDoEMFRegistration();
	}

	@Override
	public Injector createInjectorAndDoEMFRegistration() {
		if (!EPackage.Registry.INSTANCE.containsKey(NnetPackage.eNS_URI)) {
			EPackage.Registry.INSTANCE.put(NnetPackage.eNS_URI, NnetPackage.eINSTANCE);
		}
		return super.createInjectorAndDoEMFRegistration();
	}
}
