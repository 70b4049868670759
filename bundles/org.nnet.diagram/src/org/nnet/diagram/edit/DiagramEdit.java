package org.nnet.diagram.edit;

import java.util.ArrayList;
import java.util.List;

import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;

/**
 * An edit made in the diagram of one network. Nodes are named as the diagram names them (core's node
 * names: {@code c1}, or a generated {@code dense_2}); argument values are .nnet expressions
 * ({@code 5}, {@code (3, 3)}, {@code relu}, {@code leakyrelu(0.2)}).
 */
public sealed interface DiagramEdit {

	/** The network edited. */
	String network();

	/**
	 * An argument of a layer.
	 *
	 * @param name  its name, or {@code null} for the main (positional) argument
	 * @param value its value as .nnet text
	 */
	record Arg(String name, String value) {
	}

	/**
	 * Insert a layer on the edge from one node to the next in a chain.
	 *
	 * @param network the network
	 * @param from    the node the edge comes from
	 * @param to      the node it goes to
	 * @param kind    the layer kind ({@code dropout}) or a network's name
	 * @param args    its arguments
	 * @param name    its name ({@code as name}), or {@code null}
	 */
	record InsertLayer(String network, String from, String to, String kind, List<Arg> args, String name)
			implements DiagramEdit {
		/** Creates the edit; the list is copied. */
		public InsertLayer {
			args = List.copyOf(args);
		}
	}

	/**
	 * Delete a layer, joining the node before it to whatever came after it.
	 *
	 * @param network the network
	 * @param node    the layer
	 */
	record DeleteNode(String network, String node) implements DiagramEdit {
	}

	/**
	 * Rename a node, updating every reference to it.
	 *
	 * @param network the network
	 * @param node    the node
	 * @param newName its new name
	 */
	record RenameNode(String network, String node, String newName) implements DiagramEdit {
	}

	/**
	 * Set, add or remove an argument of a layer.
	 *
	 * @param network the network
	 * @param node    the layer
	 * @param name    the argument's name, or {@code null} for the main (positional) one
	 * @param value   the new value as .nnet text, or {@code null} to remove the argument
	 */
	record SetArgument(String network, String node, String name, String value) implements DiagramEdit {
	}

	/**
	 * Connect a node to a multi-input layer ({@code concat}, {@code add}, {@code multiply}) as one more input.
	 *
	 * @param network the network
	 * @param from    the node (it must have a name)
	 * @param to      the multi-input layer
	 */
	record Connect(String network, String from, String to) implements DiagramEdit {
	}

	/**
	 * Disconnect one input of a multi-input layer.
	 *
	 * @param network the network
	 * @param from    the input node
	 * @param to      the multi-input layer
	 */
	record Disconnect(String network, String from, String to) implements DiagramEdit {
	}

	/**
	 * Placeholder values for a layer kind's required arguments, so that a layer inserted from a palette parses
	 * (the user sets the real values afterwards); empty for kinds without required arguments or unknown kinds.
	 */
	static List<Arg> placeholders(String kind) {
		List<Arg> args = new ArrayList<>();
		CatalogEntry entry = Catalog.layer(kind).orElse(null);
		if (entry == null) {
			return args;
		}
		for (ArgSpec a : entry.args()) {
			if (a.required()) {
				String value = switch (a.type()) {
				case INT -> "64";
				case FLOAT -> "0.5";
				case BOOL -> "true";
				case STRING -> "\"\"";
				case INT_OR_PAIR -> "3";
				case PADDING -> "same";
				case SHAPE -> "[1]";
				case ACTIVATION -> "relu";
				case INITIALIZER -> "xavier";
				case SPLIT -> "train";
				};
				args.add(new Arg(a.main() ? null : a.name(), value));
			}
		}
		return args;
	}
}
