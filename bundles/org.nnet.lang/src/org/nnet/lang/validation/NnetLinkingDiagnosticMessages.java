/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.validation;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.nnet.model.NnetPackage;

/** Error sentences for names that do not resolve, in the user's words. */
public class NnetLinkingDiagnosticMessages extends LinkingDiagnosticMessageProvider {

	/** Issue code of an unresolved name; its data is the name as written. */
	public static final String UNKNOWN_NAME = "org.nnet.lang.unknownName";

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		String name = context.getLinkText();
		EClass type = context.getReference().getEReferenceType();
		String what;
		if (type == NnetPackage.Literals.NODE) {
			what = "no input or named node '" + name + "' in this network";
		} else if (context.getContext() != null
				&& context.getContext().eClass() == NnetPackage.Literals.LAYER_STEP) {
			what = "unknown name '" + name + "': not a layer, a network, or a node of this network";
		} else {
			what = "unknown name '" + name + "': not declared here, imported, nor a built-in name";
		}
		return new DiagnosticMessage(what, Severity.ERROR, UNKNOWN_NAME, name);
	}
}
