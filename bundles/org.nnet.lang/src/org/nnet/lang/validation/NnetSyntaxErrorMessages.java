/*
 * NNet Studio: the .nnet language.
 */
package org.nnet.lang.validation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.antlr.runtime.CommonToken;
import org.antlr.runtime.EarlyExitException;
import org.antlr.runtime.MismatchedTokenException;
import org.antlr.runtime.MissingTokenException;
import org.antlr.runtime.NoViableAltException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.antlr.runtime.UnwantedTokenException;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;

/**
 * Parse errors in plain sentences instead of ANTLR's ("missing EOF at '('", "mismatched input"): what was
 * expected, what was found, and for a bracket left open, which one and on which line, e.g.
 * "expected ')' to close dense( at line 7, found 'output'".
 */
public class NnetSyntaxErrorMessages extends SyntaxErrorMessageProvider {

	private static final Map<String, String> RULES = Map.of("RULE_ID", "a name", "RULE_NUMBER", "a number", "RULE_STRING",
			"a string in double quotes", "RULE_ANY_OTHER", "a character");
	private static final String CLOSING = ")]}";
	private static final String OPENING = "([{";

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		RecognitionException e = context.getRecognitionException();
		String message = e == null ? lexerSentence(context.getDefaultMessage()) : sentence(context, e);
		return new SyntaxErrorMessage(message, Diagnostic.SYNTAX_DIAGNOSTIC);
	}

	/** The lexer's messages ("mismatched character '<EOF>' expecting '*'") in the user's words. */
	static String lexerSentence(String message) {
		if (message == null) {
			return null;
		}
		if (message.contains("expecting '*'") || message.contains("expecting '/'")) {
			return "the comment opened with /* is not closed: end it with */";
		}
		if (message.contains("expecting '\"'")) {
			return "the string is not closed: end it with \" on the same line";
		}
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:mismatched|no viable alternative at) character '(.*?)'").matcher(message);
		if (m.find()) {
			return "'" + m.group(1) + "' is not a character of the language here";
		}
		return message;
	}

	private String sentence(IParserErrorContext context, RecognitionException e) {
		Token found = e.token;
		String[] names = context.getTokenNames();
		Deque<Open> open = openBrackets(context.getCurrentNode(), offset(found));
		String what = found(found);
		if (e instanceof MismatchedTokenException m && m.expecting == Token.EOF) {
			return what + " is not expected here: a file holds imports and network, autoencoder, gan, dataset and training blocks"
					+ (isClosing(found) ? " (is there one '" + found.getText() + "' too many?)" : "");
		}
		if (e instanceof UnwantedTokenException u) {
			return what + " is not expected here: delete it" + (u.expecting > 0 ? " (expected " + expected(names, u.expecting) + ")" : "");
		}
		if (e instanceof MismatchedTokenException m) {
			String expected = expected(names, m.expecting);
			String token = names == null || m.expecting < 0 || m.expecting >= names.length ? "" : names[m.expecting];
			if (token.length() == 3 && CLOSING.indexOf(token.charAt(1)) >= 0) {
				Open o = innermost(open, OPENING.charAt(CLOSING.indexOf(token.charAt(1))));
				if (o != null) {
					return "expected " + expected + " to close " + o.text + " at line " + o.line + ", found " + what;
				}
			}
			return (e instanceof MissingTokenException ? "missing " : "expected ") + expected + (e instanceof MissingTokenException
					? " before " : ", found ") + what;
		}
		if (found == null || found.getType() == Token.EOF) {
			Open o = open.peek();
			return o == null ? "the file ends in the middle of a declaration"
					: "the file ends before " + o.closing() + " closes " + o.text + " at line " + o.line;
		}
		if (isClosing(found) && (e instanceof NoViableAltException || e instanceof EarlyExitException)) {
			return what + " closes a bracket too early: a value or a name is missing before it";
		}
		return what + " is not expected here";
	}

	private static boolean isClosing(Token t) {
		return t != null && t.getText() != null && t.getText().length() == 1 && CLOSING.contains(t.getText());
	}

	private static String found(Token t) {
		if (t == null || t.getType() == Token.EOF) {
			return "the end of the file";
		}
		return "'" + t.getText() + "'";
	}

	private static String expected(String[] names, int type) {
		if (type == Token.EOF) {
			return "the end of the file";
		}
		if (names == null || type < 0 || type >= names.length) {
			return "something else";
		}
		String name = names[type];
		return RULES.getOrDefault(name, name);
	}

	private static int offset(Token t) {
		if (t == null || t.getType() == Token.EOF) {
			return Integer.MAX_VALUE;
		}
		return t instanceof CommonToken c ? c.getStartIndex() : Integer.MAX_VALUE;
	}

	/** The brackets opened and not yet closed before the offset, innermost first. */
	private static Deque<Open> openBrackets(INode current, int offset) {
		Deque<Open> open = new ArrayDeque<>();
		if (current == null) {
			return open;
		}
		ILeafNode previous = null;
		for (ILeafNode leaf : current.getRootNode().getLeafNodes()) {
			if (leaf.getOffset() >= offset) {
				break;
			}
			if (leaf.isHidden()) {
				continue;
			}
			String text = leaf.getText();
			if (text.length() == 1 && OPENING.contains(text)) {
				open.push(new Open(text.charAt(0), describe(leaf, previous), leaf.getStartLine()));
			} else if (text.length() == 1 && CLOSING.contains(text)) {
				char opening = OPENING.charAt(CLOSING.indexOf(text));
				while (!open.isEmpty() && open.pop().bracket != opening) {
					// an unclosed inner bracket: the parser reports it where it happened
				}
			}
			previous = leaf;
		}
		return open;
	}

	private static Open innermost(Deque<Open> open, char bracket) {
		return open.stream().filter(o -> o.bracket == bracket).findFirst().orElse(null);
	}

	/** How the user recognises a bracket: "dense(", "network Mlp {", "[". */
	private static String describe(ILeafNode bracket, ILeafNode previous) {
		String b = bracket.getText();
		if (b.equals("(") && previous != null && previous.getText().matches("[A-Za-z_][A-Za-z0-9_.]*")) {
			return previous.getText() + "(";
		}
		if (b.equals("{")) {
			INode root = bracket.getRootNode();
			String text = root.getText();
			int start = text.lastIndexOf('\n', bracket.getOffset() - root.getOffset() - 1) + 1;
			String line = text.substring(start, bracket.getOffset() - root.getOffset()).strip();
			if (!line.isEmpty() && line.length() <= 40) {
				return line + " {";
			}
		}
		return b;
	}

	private record Open(char bracket, String text, int line) {
		String closing() {
			return "'" + CLOSING.charAt(OPENING.indexOf(bracket)) + "'";
		}
	}
}
