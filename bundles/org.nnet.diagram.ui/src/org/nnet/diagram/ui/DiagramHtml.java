package org.nnet.diagram.ui;

/**
 * Talking to the diagram page in the SWT Browser: the page is the GLSP web client of org.nnet.diagram.glsp,
 * and Java passes it strings (the server's JSON-RPC messages) as JavaScript literals.
 */
final class DiagramHtml {

	private DiagramHtml() {
	}

	/** A Java string as a JavaScript string literal. */
	static String js(String s) {
		if (s == null) {
			return "null";
		}
		StringBuilder b = new StringBuilder("'");
		for (char c : s.toCharArray()) {
			switch (c) {
			case '\'' -> b.append("\\'");
			case '\\' -> b.append("\\\\");
			case '\n' -> b.append("\\n");
			case '\r' -> b.append("\\r");
			case '<' -> b.append("\\x3c");
			case '\u2028' -> b.append("\\u2028");
			case '\u2029' -> b.append("\\u2029");
			default -> b.append(c < 0x20 ? ' ' : c);
			}
		}
		return b.append('\'').toString();
	}
}
