package org.nnet.cli.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nnet.cli.onnx.OnnxImporter.Input;
import org.nnet.cli.onnx.OnnxImporter.Layer;

/**
 * An imported network as .nnet text: one statement per chain of single-input layers, a new statement where a
 * node feeds several or a step takes several inputs, every node named, and (when given) each line's shape and
 * parameter count as comments, as {@code nnet check} reports them.
 */
public final class NnetText {

	/** What to write after a node's step: its shape and parameter count, or null. */
	public interface Comments {
		String of(String node);
	}

	private NnetText() {
	}

	/** The text of a file holding one network. */
	public static String of(String name, String doc, OnnxImporter.Network net, Comments comments, String total) {
		Map<String, Integer> consumers = new HashMap<>();
		for (Layer l : net.layers()) {
			for (String i : l.inputs) {
				consumers.merge(i, 1, Integer::sum);
			}
		}
		for (String o : net.outputs()) {
			consumers.merge(o, 1, Integer::sum);
		}
		List<String[]> lines = new ArrayList<>();
		for (Input in : net.inputs()) {
			String shape = shape(in.shape());
			if (in.vocab() != null) {
				shape = shape + " of token(vocab: " + in.vocab() + ")";
			}
			lines.add(new String[] {"input " + in.name() + ": " + shape, null});
		}
		String previous = null;
		int indent = 0;
		for (Layer l : net.layers()) {
			String step = (l.kind.equals("add") || l.kind.equals("multiply") || l.kind.equals("concat")) ? multi(l) : l.call();
			String comment = comments == null ? null : comments.of(l.name);
			boolean multiInput = l.inputs.size() != 1;
			if (!multiInput && l.inputs.get(0).equals(previous) && consumers.getOrDefault(previous, 0) == 1) {
				lines.add(new String[] {" ".repeat(indent) + "-> " + step + " as " + l.name, comment});
			} else if (multiInput) {
				lines.add(new String[] {step + " as " + l.name, comment});
				indent = 2;
			} else {
				String start = l.inputs.get(0) + " ";
				lines.add(new String[] {start + "-> " + step + " as " + l.name, comment});
				indent = start.length();
			}
			previous = l.name;
		}
		lines.add(new String[] {"output " + String.join(", ", net.outputs()), null});
		int width = 0;
		for (String[] line : lines) {
			width = Math.max(width, line[0].length());
		}
		StringBuilder b = new StringBuilder();
		b.append("/** ").append(doc).append(" */\n");
		b.append("network ").append(name).append(" {\n");
		for (String[] line : lines) {
			b.append("    ").append(line[0]);
			if (line[1] != null && !line[1].isBlank()) {
				b.append(" ".repeat(width - line[0].length() + 3)).append("// ").append(line[1]);
			}
			b.append('\n');
		}
		b.append("}");
		if (total != null) {
			b.append(" ".repeat(Math.max(1, width + 6 - 1))).append("// ").append(total);
		}
		b.append('\n');
		return b.toString();
	}

	private static String multi(Layer l) {
		List<String> parts = new ArrayList<>(l.inputs);
		l.args.forEach((k, v) -> parts.add(k + ": " + v));
		return l.kind + "(" + String.join(", ", parts) + ")";
	}

	static String shape(long[] s) {
		StringBuilder b = new StringBuilder("[");
		for (int i = 0; i < s.length; i++) {
			b.append(i == 0 ? "" : ", ").append(s[i]);
		}
		return b.append("]").toString();
	}

	/** A network name from a file name: {@code resnet_small.onnx} gives {@code ResnetSmall}. */
	public static String networkName(String fileName) {
		String stem = fileName.replaceFirst("\\.[^.]*$", "");
		StringBuilder b = new StringBuilder();
		for (String part : stem.split("[^A-Za-z0-9]+")) {
			if (!part.isEmpty()) {
				b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		String n = b.toString();
		if (n.isEmpty() || Character.isDigit(n.charAt(0))) {
			n = "Imported" + n;
		}
		return n.toLowerCase(Locale.ROOT).equals(n) ? Character.toUpperCase(n.charAt(0)) + n.substring(1) : n;
	}
}
