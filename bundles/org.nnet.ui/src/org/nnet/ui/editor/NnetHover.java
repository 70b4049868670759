package org.nnet.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.nnet.ui.NnetLanguage;
import org.nnet.ui.ProjectSources;
import org.nnet.ui.SourceCache;

/**
 * Hovers in the .nnet editor: over a layer, an input or a reference to a node, the node's kind,
 * shape and parameter counts with its doc comment; over a network, its shape and totals; over a
 * built-in, what it is and takes. The text comes from the language's hover service in org.nnet.lang.ide.
 */
public class NnetHover implements ITextHover {

	@Override
	public String getHoverInfo(ITextViewer viewer, IRegion region) {
		IFile file = ProjectSources.fileOf(viewer.getDocument());
		var service = (org.nnet.lang.ide.hover.NnetHoverService) NnetLanguage.injector()
				.getInstance(org.eclipse.xtext.ide.server.hover.IHoverService.class);
		String markdown = SourceCache.withText(file, viewer.getDocument().get(),
				resource -> service.hoverAt(resource, region.getOffset()));
		// the Generic Editor shows hovers as plain text: drop Markdown's emphasis and code marks
		return markdown == null ? null : markdown.replace("**", "").replace("`", "");
	}

	@Override
	public IRegion getHoverRegion(ITextViewer viewer, int offset) {
		String text = viewer.getDocument().get();
		int start = offset;
		while (start > 0 && isWordPart(text.charAt(start - 1))) {
			start--;
		}
		int end = offset;
		while (end < text.length() && isWordPart(text.charAt(end))) {
			end++;
		}
		return new Region(start, Math.max(0, end - start));
	}

	private static boolean isWordPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}
}
