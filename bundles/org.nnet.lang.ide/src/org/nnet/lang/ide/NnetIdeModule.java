/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.ide;

import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.nnet.lang.ide.contentassist.NnetIdeContentProposalProvider;
import org.nnet.lang.ide.hover.NnetHoverService;

/** Guice bindings of the .nnet language's UI-free IDE services (the Eclipse editor and language clients use them). */
public class NnetIdeModule extends AbstractNnetIdeModule {

	public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
		return NnetIdeContentProposalProvider.class;
	}

	public Class<? extends IHoverService> bindIHoverService() {
		return NnetHoverService.class;
	}
}
