package org.nnet.ui.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;
import org.nnet.core.catalog.Catalog;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;

import com.google.inject.Injector;

/**
 * Content assist in the .nnet editor, computed the way Xtext's language server does it
 * ({@code ContentAssistService}): the content-assist parser finds what may follow the cursor and
 * the language's IDE proposal provider (org.nnet.lang.ide) turns that into proposals, over the project's files.
 */
public class NnetContentAssistProcessor implements IContentAssistProcessor {

	/** The content-assist parser follows alternatives in parallel; one shared daemon pool serves every editor. */
	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "NNet content assist");
		t.setDaemon(true);
		return t;
	});

	@Override
	public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
		IDocument document = viewer.getDocument();
		String text = document.get();
		if (offset > text.length()) {
			return new ICompletionProposal[0];
		}
		IFile file = ProjectSources.fileOf(document);
		XtextResource resource = ProjectSources.withText(file, text).resource(file);
		Injector injector = NnetLanguage.injector();
		ContentAssistContextFactory contexts = injector.getInstance(ContentAssistContextFactory.class);
		contexts.setPool(POOL);
		ContentAssistContext[] found = contexts.create(text, new TextRegion(offset, 0), offset, resource);
		IdeContentProposalAcceptor acceptor = injector.getInstance(IdeContentProposalAcceptor.class);
		injector.getInstance(IdeContentProposalProvider.class).createProposals(Arrays.asList(found), acceptor);
		List<ICompletionProposal> proposals = new ArrayList<>();
		for (ContentAssistEntry entry : acceptor.getEntries()) {
			proposals.add(toProposal(entry, offset));
		}
		return proposals.toArray(ICompletionProposal[]::new);
	}

	private static ICompletionProposal toProposal(ContentAssistEntry entry, int offset) {
		String prefix = entry.getPrefix() == null ? "" : entry.getPrefix();
		String proposal = entry.getProposal();
		String label = entry.getLabel() != null ? entry.getLabel() : proposal;
		String description = entry.getDescription();
		String documentation = entry.getDocumentation();
		int call = proposal.indexOf('(');
		var builtin = Catalog.entry(call < 0 ? proposal : proposal.substring(0, call));
		if (builtin.isPresent() && documentation == null) {
			// a built-in found through the scopes: show what it is and takes
			label = builtin.get().signature();
			description = builtin.get().category().id();
			documentation = builtin.get().doc();
		}
		String shown = description == null || description.isEmpty() ? label : label + " — " + description;
		if (entry.getEscapePosition() != null) {
			// a call with places to fill (dropout(rate: )): the IDE service gives them as document offsets
			int start = offset - prefix.length();
			List<Integer> places = entry.getEditPositions().stream().map(r -> r.getOffset() - start).toList();
			return new CallProposal(proposal, start, prefix.length(), places, entry.getEscapePosition() - start, shown, documentation);
		}
		return new CompletionProposal(proposal, offset - prefix.length(), prefix.length(), proposal.length(), null, shown,
				null, documentation);
	}

	@Override
	public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
		return null;
	}

	@Override
	public char[] getCompletionProposalAutoActivationCharacters() {
		return new char[] {'('};
	}

	@Override
	public char[] getContextInformationAutoActivationCharacters() {
		return null;
	}

	@Override
	public String getErrorMessage() {
		return null;
	}

	@Override
	public IContextInformationValidator getContextInformationValidator() {
		return null;
	}
}
