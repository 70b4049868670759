/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.documentation.impl.AbstractMultiLineCommentProvider;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider;
import org.nnet.lang.conversion.NnetValueConverters;
import org.nnet.lang.scoping.NnetGlobalScopeProvider;
import org.nnet.lang.scoping.NnetImportedNamespaceScopeProvider;
import org.nnet.lang.validation.NnetLinkingDiagnosticMessages;

import com.google.inject.Binder;
import com.google.inject.name.Names;

/** Guice bindings of the .nnet language's runtime services. */
public class NnetRuntimeModule extends AbstractNnetRuntimeModule {

	@Override
	public Class<? extends IGlobalScopeProvider> bindIGlobalScopeProvider() {
		return NnetGlobalScopeProvider.class;
	}

	@Override
	public void configureIScopeProviderDelegate(Binder binder) {
		binder.bind(IScopeProvider.class).annotatedWith(Names.named(AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
				.to(NnetImportedNamespaceScopeProvider.class);
	}

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return NnetValueConverters.class;
	}

	public Class<? extends org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
		return org.nnet.lang.resource.NnetResourceDescriptionStrategy.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return NnetLinkingDiagnosticMessages.class;
	}

	/** Parse errors in plain sentences. */
	public Class<? extends org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return org.nnet.lang.validation.NnetSyntaxErrorMessages.class;
	}

	/** Only a {@code /** ... *}{@code /} comment before a declaration is its documentation (shown in hovers). */
	public void configureDocumentationStartTag(Binder binder) {
		binder.bind(String.class).annotatedWith(Names.named(AbstractMultiLineCommentProvider.START_TAG))
				.toInstance("/\\*\\*");
	}
}
