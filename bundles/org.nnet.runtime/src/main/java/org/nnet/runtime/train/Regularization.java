package org.nnet.runtime.train;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The regularisers of the language, applied to weights (parameters of rank 2 or more), never to
 * biases or norm scales: {@code l1(λ)} adds {@code λ·Σ|θ|} to the loss (gradient {@code λ·sign θ}),
 * {@code l2(λ)} adds {@code λ/2·Σθ²} (gradient {@code λθ}), and {@code max_norm(c)} rescales after
 * each update every slice along the last axis (the incoming weights of one unit or filter, in the
 * layouts of {@link org.nnet.runtime.graph.Network}) whose L2 norm exceeds c back to c. The
 * reported loss does not include the penalties.
 *
 * @param l1      λ of l1, 0 for none
 * @param l2      λ of l2, 0 for none
 * @param maxNorm c of max_norm, 0 for none
 */
public record Regularization(double l1, double l2, double maxNorm) {
    /** No regularisation. */
    public static final Regularization NONE = new Regularization(0, 0, 0);

    /** {@code l1(λ)}. */
    public static Regularization l1(double lambda) {
        return new Regularization(lambda, 0, 0);
    }

    /** {@code l2(λ)}. */
    public static Regularization l2(double lambda) {
        return new Regularization(0, lambda, 0);
    }

    /** {@code max_norm(c)}. */
    public static Regularization maxNorm(double c) {
        return new Regularization(0, 0, c);
    }

    /** Both this and another regulariser (where both set one kind, the other's value wins). */
    public Regularization and(Regularization other) {
        return new Regularization(other.l1 != 0 ? other.l1 : l1, other.l2 != 0 ? other.l2 : l2,
                other.maxNorm != 0 ? other.maxNorm : maxNorm);
    }

    /** Adds the penalties' gradients to the weights' gradients, in place. */
    public void addPenaltyGradients(Map<String, INDArray> params, Map<String, INDArray> grads) {
        if (l1 == 0 && l2 == 0) {
            return;
        }
        params.forEach((name, p) -> {
            INDArray g = grads.get(name);
            if (g == null || p.rank() < 2) {
                return;
            }
            if (l2 != 0) {
                Optimizer.axpy(l2, p, g); // in place, no temporary
            }
            if (l1 != 0) {
                g.addi(Transforms.sign(p, true).muli(l1));
            }
        });
    }

    /** Applies max_norm to the weights, in place. */
    public void constrain(Map<String, INDArray> params) {
        if (maxNorm == 0) {
            return;
        }
        params.values().forEach(p -> {
            if (p.rank() < 2) {
                return;
            }
            long units = p.size(p.rank() - 1);
            INDArray flat = p.reshape('c', p.length() / units, units);
            INDArray norms = flat.norm2(true, 0);
            INDArray scale = Transforms.min(norms.rdiv(maxNorm), 1.0, false);
            p.assign(flat.mulRowVector(scale).reshape(p.shape()));
        });
    }
}
