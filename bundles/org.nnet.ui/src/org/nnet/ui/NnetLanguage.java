package org.nnet.ui;

import org.nnet.lang.ide.NnetIdeSetup;

import com.google.inject.Injector;

/**
 * The .nnet language inside the workbench: one injector of the language's IDE module (runtime
 * services plus content assist), shared by the editor, the reconciler, the builder and quick fixes.
 */
public final class NnetLanguage {

	/** The content type of .nnet files, bound to the Generic Editor. */
	public static final String CONTENT_TYPE = "org.nnet.ui.nnetSource";
	/** The file extension of .nnet files. */
	public static final String FILE_EXTENSION = "nnet";

	private static Injector injector;

	private NnetLanguage() {
	}

	/** The IDE injector; the first call registers the language with EMF. */
	public static synchronized Injector injector() {
		if (injector == null) {
			injector = new NnetIdeSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}
}
