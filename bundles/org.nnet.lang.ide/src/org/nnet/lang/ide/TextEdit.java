package org.nnet.lang.ide;

import java.util.Comparator;
import java.util.List;

/** A replacement of {@code length} characters at {@code offset} by {@code text}, in one file. */
public record TextEdit(int offset, int length, String text) {

	/** Applies non-overlapping edits to a text (in any order) and returns the result. */
	public static String apply(String original, List<TextEdit> edits) {
		StringBuilder out = new StringBuilder(original);
		edits.stream().sorted(Comparator.comparingInt(TextEdit::offset).reversed())
				.forEach(e -> out.replace(e.offset(), e.offset() + e.length(), e.text()));
		return out.toString();
	}
}
