package org.nnet.diagram.edit;

import org.eclipse.xtext.ide.serializer.impl.PartialSerializer;
import org.eclipse.xtext.util.Modules2;
import org.nnet.lang.NnetRuntimeModule;
import org.nnet.lang.ide.NnetIdeModule;
import org.nnet.lang.ide.NnetIdeSetup;

import com.google.inject.Guice;
import com.google.inject.Injector;

/** The language's IDE injector as diagram editing needs it: with the {@link SeparatedListSerializer}. */
public final class DiagramLanguage {

	private static Injector injector;

	private DiagramLanguage() {
	}

	/** The injector, created and registered with EMF once per process. */
	public static synchronized Injector injector() {
		if (injector == null) {
			injector = new NnetIdeSetup() {
				@Override
				public Injector createInjector() {
					return Guice.createInjector(Modules2.mixin(new NnetRuntimeModule(), new NnetIdeModule(),
							binder -> binder.bind(PartialSerializer.class).to(SeparatedListSerializer.class)));
				}
			}.createInjectorAndDoEMFRegistration();
		}
		return injector;
	}
}
