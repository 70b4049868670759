package org.nnet.ui.quickfix;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;
import org.nnet.model.Chain;
import org.nnet.model.Network;
import org.nnet.model.Step;
import org.nnet.ui.NnetLanguage;

/**
 * Fix of {@code org.nnet.core.missingOutput} (data: node name, whether the last step must first be
 * named, the chain's index): adds {@code output name} as the network's last line, and
 * {@code as name} to the chain's last step when it has no name yet.
 */
public class AddOutputResolution extends NnetResolution {

	private final String name;

	/** A fix declaring {@code name} as the output. */
	public AddOutputResolution(String name) {
		this.name = name;
	}

	@Override
	public String getLabel() {
		return "Add 'output " + name + "'";
	}

	@Override
	public String getDescription() {
		return "Declares " + name + ", the last node of the network's last chain, as its output.";
	}

	@Override
	void apply(IDocument document, XtextResource parsed, int offset, String[] data) throws BadLocationException {
		EObjectAtOffsetHelper helper = NnetLanguage.injector().getInstance(EObjectAtOffsetHelper.class);
		EObject at = helper.resolveContainedElementAt(parsed, offset);
		Network network = EcoreUtil2.getContainerOfType(at, Network.class);
		if (network == null) {
			return;
		}
		ICompositeNode node = NodeModelUtils.findActualNodeFor(network);
		int closingBrace = node.getEndOffset() - 1;
		int braceLine = document.getLineOfOffset(closingBrace);
		IRegion line = document.getLineInformation(braceLine);
		String beforeBrace = document.get(line.getOffset(), closingBrace - line.getOffset());
		String indent = leadingWhitespace(beforeBrace) + "    ";
		// the later edit first, so that the earlier offset stays valid
		if (beforeBrace.isBlank()) {
			document.replace(line.getOffset(), 0, indent + "output " + name + lineDelimiter(document, braceLine));
		} else {
			document.replace(closingBrace, 0, " output " + name + " ");
		}
		boolean needsName = data.length > 1 && Boolean.parseBoolean(data[1]);
		int chainIndex = data.length > 2 ? parseIndex(data[2]) : -1;
		if (needsName && chainIndex >= 0 && chainIndex < network.getChains().size()) {
			Chain chain = network.getChains().get(chainIndex);
			Step last = chain.getSteps().get(chain.getSteps().size() - 1);
			document.replace(NodeModelUtils.findActualNodeFor(last).getEndOffset(), 0, " as " + name);
		}
	}

	private static String leadingWhitespace(String s) {
		int i = 0;
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
			i++;
		}
		return s.substring(0, i);
	}

	private static String lineDelimiter(IDocument document, int line) throws BadLocationException {
		String d = document.getLineDelimiter(line);
		return d != null ? d : System.lineSeparator();
	}

	private static int parseIndex(String s) {
		try {
			return Integer.parseInt(s);
		} catch (NumberFormatException e) {
			return -1;
		}
	}
}
