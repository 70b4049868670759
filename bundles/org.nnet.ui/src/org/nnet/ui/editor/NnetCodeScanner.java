package org.nnet.ui.editor;

import java.util.Set;

import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WhitespaceRule;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.Category;

/**
 * Colours the code partition of a .nnet file: keywords, layer kinds and other built-in names from
 * core's catalogue, numbers, and the names a declaration introduces ({@code network Mlp},
 * {@code as digits}, {@code input image}), which are coloured as declarations.
 */
public class NnetCodeScanner extends RuleBasedScanner {

	/** The keywords of the grammar. */
	public static final Set<String> KEYWORDS = Set.of("package", "import", "network", "input", "output", "repeat", "as",
			"autoencoder", "gan", "dataset", "training", "of", "true", "false");
	private static final Set<String> DECLARING = Set.of("network", "input", "as", "autoencoder", "gan", "dataset",
			"training");

	/** Creates the scanner. */
	public NnetCodeScanner() {
		setDefaultReturnToken(new Token(NnetColors.DEFAULT.attribute()));
		setRules(new IRule[] {new WhitespaceRule(Character::isWhitespace), new WordRule(), new NumberRule()});
	}

	/** A word: keyword, built-in, declared name or plain name, by what it is and what precedes it. */
	private static final class WordRule implements IRule {
		private final IToken keyword = new Token(NnetColors.KEYWORD.attribute());
		private final IToken layer = new Token(NnetColors.LAYER.attribute());
		private final IToken builtin = new Token(NnetColors.BUILTIN.attribute());
		private final IToken declaration = new Token(NnetColors.DECLARATION.attribute());
		private final IToken plain = new Token(NnetColors.DEFAULT.attribute());
		private final IWordDetector detector = new IWordDetector() {
			@Override
			public boolean isWordStart(char c) {
				return Character.isLetter(c) || c == '_';
			}

			@Override
			public boolean isWordPart(char c) {
				return Character.isLetterOrDigit(c) || c == '_';
			}
		};
		private String previousWord = "";

		@Override
		public IToken evaluate(ICharacterScanner scanner) {
			int c = scanner.read();
			if (c == ICharacterScanner.EOF || !detector.isWordStart((char) c)) {
				scanner.unread();
				return Token.UNDEFINED;
			}
			StringBuilder word = new StringBuilder().append((char) c);
			while ((c = scanner.read()) != ICharacterScanner.EOF && detector.isWordPart((char) c)) {
				word.append((char) c);
			}
			scanner.unread();
			String w = word.toString();
			String before = previousWord;
			previousWord = w;
			if (DECLARING.contains(before) && !KEYWORDS.contains(w)) {
				return declaration;
			}
			if (KEYWORDS.contains(w)) {
				return keyword;
			}
			if (Catalog.isA(w, Category.LAYER)) {
				return layer;
			}
			return Catalog.entry(w).isPresent() ? builtin : plain;
		}
	}

	/** A number as the grammar's NUMBER: digits, an optional fraction, an optional exponent. */
	private static final class NumberRule implements IRule {
		private final IToken number = new Token(NnetColors.NUMBER.attribute());

		@Override
		public IToken evaluate(ICharacterScanner scanner) {
			if (digits(scanner) == 0) {
				return Token.UNDEFINED;
			}
			if (next(scanner) == '.') {
				if (digits(scanner) == 0) {
					scanner.unread();
				}
			} else {
				scanner.unread();
			}
			int e = next(scanner);
			if (e == 'e' || e == 'E') {
				int sign = next(scanner);
				boolean signed = sign == '-' || sign == '+';
				if (!signed) {
					scanner.unread();
				}
				if (digits(scanner) == 0) {
					scanner.unread();
					if (signed) {
						scanner.unread();
					}
				}
			} else {
				scanner.unread();
			}
			return number;
		}

		private static int next(ICharacterScanner scanner) {
			return scanner.read();
		}

		/** Reads digits; returns how many, leaving the scanner after the last. */
		private static int digits(ICharacterScanner scanner) {
			int n = 0;
			int c;
			while ((c = scanner.read()) != ICharacterScanner.EOF && Character.isDigit(c)) {
				n++;
			}
			scanner.unread();
			return n;
		}
	}
}
