package org.nnet.core.inference;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.nnet.core.Problem;

/**
 * What shape inference found for a network, an autoencoder or a GAN: its inputs and outputs,
 * its nodes in source order with shapes and parameter counts, the totals, and the problems.
 * <p>
 * For a composite, {@link #nodes()} holds one node per member (its children are the member's
 * nodes) and, for a variational autoencoder, the inserted {@link #gaussian()} between encoder and
 * decoder; {@link #members()} lists the members. Every problem is on an object inside
 * {@link #element()}.
 *
 * @param qualifiedName the package-qualified name, e.g. {@code examples.mnist.LeNet5}
 * @param kind          network, autoencoder or gan
 * @param element       the model element
 * @param inputs        the inputs (a composite's are its first member's)
 * @param outputs       the outputs (a composite's are its last member's)
 * @param nodes         the nodes in source order (a network's inputs first)
 * @param members       the members of a composite (empty for a network)
 * @param gaussian      the {@code gaussian(code size)} a variational autoencoder inserts, or {@code null}
 * @param trainable     the sum of the nodes' trainable parameters, or {@code null} if one is unknown
 * @param total         the sum of the nodes' totals, or {@code null} if one is unknown
 * @param problems      errors and warnings, in the order found
 */
public record ModelReport(String qualifiedName, ModelKind kind, EObject element, List<Port> inputs, List<Port> outputs,
        List<NodeReport> nodes, List<MemberReport> members, NodeReport gaussian, Long trainable, Long total,
        List<Problem> problems) {

    /** Creates a report; lists are copied. */
    public ModelReport {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        nodes = List.copyOf(nodes);
        members = List.copyOf(members);
        problems = List.copyOf(problems);
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The node of that name (searched at the top level), or {@code null}. */
    public NodeReport node(String name) {
        for (NodeReport n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** Formats a count with thousands separators ({@code 61,706}), or {@code "?"} when unknown. */
    public static String format(Long count) {
        return count == null ? "?" : String.format(java.util.Locale.ROOT, "%,d", count);
    }
}
