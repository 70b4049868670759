package org.nnet.lang.ide.format;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ExceptionAcceptor;
import org.nnet.lang.ide.RefusedException;
import org.nnet.lang.ide.TextEdit;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Formats a whole .nnet file with the language's {@code formatting2} formatter (what Ctrl+Shift+F
 * and {@code nnet} tooling use), as a list of minimal replacements. A file with syntax errors is not
 * formatted: the formatter could move text it did not understand.
 */
public class NnetDocumentFormatter {

	@Inject
	private Provider<IFormatter2> formatter;
	@Inject
	private Provider<FormatterRequest> requests;
	@Inject
	private TextRegionAccessBuilder regionAccess;

	/** The replacements that format the whole resource's text (empty when it is formatted already). */
	public List<TextEdit> format(XtextResource resource) throws RefusedException {
		if (!resource.getErrors().isEmpty()) {
			Resource.Diagnostic d = resource.getErrors().get(0);
			throw new RefusedException("Not formatted: line " + d.getLine() + " has a syntax error (" + d.getMessage()
					+ "). Fix it first.");
		}
		ITextRegionAccess access = regionAccess.forNodeModel(resource).create();
		FormatterRequest request = requests.get();
		request.setTextRegionAccess(access);
		request.setExceptionHandler(ExceptionAcceptor.THROWING);
		request.setFormatUndefinedHiddenRegionsOnly(false);
		request.setAllowIdentityEdits(false);
		List<TextEdit> edits = new ArrayList<>();
		for (ITextReplacement r : formatter.get().format(request)) {
			edits.add(new TextEdit(r.getOffset(), r.getLength(), r.getReplacementText()));
		}
		return edits;
	}
}
