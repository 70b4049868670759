package org.nnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An optimizer of the language, updating parameters in place from their gradients. Update rules
 * (g the gradient, θ the parameter, t the step from 1):
 * <ul>
 * <li>{@code sgd(lr, momentum μ, nesterov)}: {@code b = μb + g}; {@code θ -= lr·(g + μb)} with
 * Nesterov, else {@code θ -= lr·b} (plain SGD when μ = 0);</li>
 * <li>{@code adagrad(lr)}: {@code G += g²}; {@code θ -= lr·g/(√G + ε)}, ε = 1e-10;</li>
 * <li>{@code rmsprop(lr, rho ρ)}: {@code E = ρE + (1-ρ)g²}; {@code θ -= lr·g/(√E + ε)}, ε = 1e-8;</li>
 * <li>{@code adam(lr, β1, β2, ε)}: {@code m = β1·m + (1-β1)g}, {@code v = β2·v + (1-β2)g²},
 * {@code m̂ = m/(1-β1^t)}, {@code v̂ = v/(1-β2^t)}, {@code θ -= lr·m̂/(√v̂ + ε)}.</li>
 * </ul>
 * The state (moments, step count) is kept per parameter name and saved in checkpoints. An instance
 * serves one set of parameters; {@link #fresh()} gives another with the same settings.
 */
public abstract class Optimizer {
    /** State arrays by {@code parameter#slot}. */
    protected final Map<String, INDArray> state = new LinkedHashMap<>();
    /** Number of updates applied so far. */
    protected long step;

    Optimizer() {
    }

    /** {@code sgd(lr:, momentum:, nesterov:)}. */
    public static Optimizer sgd(double lr, double momentum, boolean nesterov) {
        return new Sgd(lr, momentum, nesterov);
    }

    /** {@code adagrad(lr:)}. */
    public static Optimizer adagrad(double lr) {
        return new Adagrad(lr);
    }

    /** {@code rmsprop(lr:, rho:)}. */
    public static Optimizer rmsprop(double lr, double rho) {
        return new RmsProp(lr, rho);
    }

    /** {@code adam(lr:, beta1:, beta2:, epsilon:)}. */
    public static Optimizer adam(double lr, double beta1, double beta2, double epsilon) {
        return new Adam(lr, beta1, beta2, epsilon);
    }

    /** {@code adam(lr:)} with β1 0.9, β2 0.999, ε 1e-8. */
    public static Optimizer adam(double lr) {
        return adam(lr, 0.9, 0.999, 1e-8);
    }

    /** A new optimizer with the same settings and no state. */
    public abstract Optimizer fresh();

    /** Applies one update to every parameter that has a gradient. */
    public void apply(Map<String, INDArray> params, Map<String, INDArray> grads) {
        step++;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (g != null) {
                update(e.getKey(), e.getValue(), g);
            }
        }
    }

    /** Updates one parameter in place; {@link #step} is already the current step (from 1). */
    protected abstract void update(String name, INDArray param, INDArray grad);

    /** A state array, created as zeros like the parameter on first use. */
    protected INDArray slot(String name, String slot, INDArray like) {
        return state.computeIfAbsent(name + "#" + slot, k -> Nd4j.zerosLike(like));
    }

    /** The state to checkpoint: arrays by name, plus the step count under {@code #step}. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> out = new LinkedHashMap<>(state);
        out.put("#step", Nd4j.scalar(step));
        return out;
    }

    /** Restores a state written by {@link #state()}. */
    public void restore(Map<String, INDArray> saved) {
        state.clear();
        saved.forEach((k, v) -> {
            if (k.equals("#step")) {
                step = v.getLong(0);
            } else {
                state.put(k, v.dup());
            }
        });
    }

    private static final class Sgd extends Optimizer {
        private final double lr, momentum;
        private final boolean nesterov;

        Sgd(double lr, double momentum, boolean nesterov) {
            this.lr = lr;
            this.momentum = momentum;
            this.nesterov = nesterov;
        }

        @Override
        public Optimizer fresh() {
            return new Sgd(lr, momentum, nesterov);
        }

        @Override
        protected void update(String name, INDArray p, INDArray g) {
            if (momentum == 0) {
                p.subi(g.mul(lr));
                return;
            }
            INDArray b = slot(name, "b", p);
            b.muli(momentum).addi(g);
            p.subi(nesterov ? g.add(b.mul(momentum)).muli(lr) : b.mul(lr));
        }
    }

    private static final class Adagrad extends Optimizer {
        private final double lr;

        Adagrad(double lr) {
            this.lr = lr;
        }

        @Override
        public Optimizer fresh() {
            return new Adagrad(lr);
        }

        @Override
        protected void update(String name, INDArray p, INDArray g) {
            INDArray acc = slot(name, "G", p);
            acc.addi(g.mul(g));
            p.subi(g.mul(lr).divi(Transforms.sqrt(acc, true).addi(1e-10)));
        }
    }

    private static final class RmsProp extends Optimizer {
        private final double lr, rho;

        RmsProp(double lr, double rho) {
            this.lr = lr;
            this.rho = rho;
        }

        @Override
        public Optimizer fresh() {
            return new RmsProp(lr, rho);
        }

        @Override
        protected void update(String name, INDArray p, INDArray g) {
            INDArray e = slot(name, "E", p);
            e.muli(rho).addi(g.mul(g).muli(1 - rho));
            p.subi(g.mul(lr).divi(Transforms.sqrt(e, true).addi(1e-8)));
        }
    }

    private static final class Adam extends Optimizer {
        private final double lr, beta1, beta2, epsilon;

        Adam(double lr, double beta1, double beta2, double epsilon) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
        }

        @Override
        public Optimizer fresh() {
            return new Adam(lr, beta1, beta2, epsilon);
        }

        @Override
        protected void update(String name, INDArray p, INDArray g) {
            INDArray m = slot(name, "m", p);
            INDArray v = slot(name, "v", p);
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray mHat = m.div(1 - Math.pow(beta1, step));
            INDArray vHat = v.div(1 - Math.pow(beta2, step));
            p.subi(mHat.muli(lr).divi(Transforms.sqrt(vHat, false).addi(epsilon)));
        }
    }
}
