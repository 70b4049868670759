package org.nnet.ui.navigation;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.ui.statushandlers.StatusManager;
import org.nnet.lang.ide.navigation.NnetNavigation;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.SourceCache;
import org.nnet.ui.editor.NnetEditors;

/**
 * Go to definition: Ctrl+click (or F3, the Generic Editor's Open Hyperlink) on a reference to a
 * network, node, parameter, dataset or training opens its declaration, in this file or another of
 * the project. Registered for the Generic Editor; answers only in .nnet documents.
 */
public class NnetHyperlinkDetector extends AbstractHyperlinkDetector {

	/** A link to a declaration. */
	public record DeclarationLink(IRegion region, IFile file, int offset, int length, String name) implements IHyperlink {
		@Override
		public IRegion getHyperlinkRegion() {
			return region;
		}

		@Override
		public String getTypeLabel() {
			return "NNet declaration";
		}

		@Override
		public String getHyperlinkText() {
			return "Open Declaration of " + name;
		}

		@Override
		public void open() {
			try {
				NnetEditors.open(file, offset, length);
			} catch (CoreException e) {
				StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
			}
		}
	}

	@Override
	public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
		DeclarationLink link = linkAt(viewer.getDocument(), region.getOffset());
		return link == null ? null : new IHyperlink[] { link };
	}

	/** The link at an offset of a .nnet document, or {@code null}. */
	public static DeclarationLink linkAt(IDocument document, int offset) {
		IFile file = ProjectSources.fileOf(document);
		if (file == null || !NnetLanguage.FILE_EXTENSION.equals(file.getFileExtension())) {
			return null;
		}
		NnetNavigation navigation = NnetLanguage.injector().getInstance(NnetNavigation.class);
		return SourceCache.withText(file, document.get(), resource -> {
			NnetNavigation.Link link = navigation.linkAt(resource, offset);
			IFile target = link == null ? null : ProjectSources.fileFor(link.declaration().uri());
			return target == null ? null
					: new DeclarationLink(new Region(link.offset(), link.length()), target, link.declaration().offset(),
							link.declaration().length(), link.target().getName());
		});
	}
}
