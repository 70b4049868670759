package org.nnet.lang.ide.outline;

import java.util.List;

/**
 * One entry of a .nnet file's outline: a package, a network, composite, dataset or training, or a
 * node of a network with its inferred output shape and parameter count.
 *
 * @param kind       {@code package}, {@code network}, {@code autoencoder}, {@code gan}, {@code dataset},
 *                   {@code training}, {@code input}, a layer name ({@code dense}) or a used network's name
 * @param name       the declared or generated name ({@code dense_2})
 * @param detail     what inference found: {@code [256] · 200,960 params}; empty when there is nothing to say
 * @param offset     where the entry's text starts in the file
 * @param length     the length of the entry's text
 * @param nameOffset where its name (or, for an unnamed layer, its call) starts: what selecting it selects
 * @param nameLength the length of that name
 * @param children   nested entries (a package's declarations, a network's nodes)
 */
public record OutlineEntry(String kind, String name, String detail, int offset, int length, int nameOffset,
		int nameLength, List<OutlineEntry> children) {

	/** Creates an entry; the children are copied. */
	public OutlineEntry {
		children = List.copyOf(children);
	}

	/** The text shown in a tree: {@code dense_1 : dense  [256] · 200,960 params}. */
	public String label() {
		StringBuilder b = new StringBuilder(name);
		if (!kind.equals(name) && !kind.equals("package")) {
			b.append(" : ").append(kind);
		}
		if (!detail.isEmpty()) {
			b.append("  ").append(detail);
		}
		return b.toString();
	}
}
