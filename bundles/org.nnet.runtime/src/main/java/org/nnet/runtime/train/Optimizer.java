package org.nnet.runtime.train;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

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
 * <p>
 * Every update works in place and allocates nothing: SGD as BLAS {@code axpy} calls on the parameter,
 * adagrad, rmsprop and Adam as ND4J's fused native updater ops ({@code adam_updater}, ...), one call per
 * parameter that updates the state arrays and turns the gradient array into the step, which is then
 * subtracted. (Written as separate ND4J operations, Adam took ~14 calls and 5 fresh parameter-sized
 * arrays per parameter and step, a quarter of an MLP's training time.) The gradients passed to
 * {@link #apply} are consumed: they may hold the steps afterwards. Adam on float parameters runs its rule as one
 * vectorised JVM loop instead (see its {@code fused}).
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

    /** {@code y += a·x} in place (BLAS axpy). */
    static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
    }

    /** The step as the 0-based iteration count of ND4J's updater ops. */
    int iteration() {
        return (int) Math.min(step - 1, Integer.MAX_VALUE);
    }

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
                axpy(-lr, g, p);
                return;
            }
            INDArray b = slot(name, "b", p);
            b.muli(momentum).addi(g);
            if (nesterov) {
                axpy(-lr, g, p); // θ -= lr·(g + μb) as two in-place steps
                axpy(-lr * momentum, b, p);
            } else {
                axpy(-lr, b, p);
            }
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
            // G += g²; step = lr·g/(√G + ε)
            Nd4j.exec(new AdaGradUpdater(g, slot(name, "G", p), lr, 1e-10));
            p.subi(g);
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
            // E = ρE + (1-ρ)g²; step = lr·g/(√E + ε)
            Nd4j.exec(new RmsPropUpdater(g, slot(name, "E", p), lr, rho, 1e-8));
            p.subi(g);
        }
    }

    private static final class Adam extends Optimizer {
        private final double lr, beta1, beta2, epsilon;
        /** The moments of float parameters, on the heap (see {@link #fused}); in {@link #state} as {@code #m}, {@code #v} otherwise. */
        private final Map<String, Moments> moments = new LinkedHashMap<>();

        /** m and v of one parameter, and scratch copies of its value and gradient. */
        private record Moments(long[] shape, float[] m, float[] v, float[] p, float[] g) {
        }

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
            if (fusable(p) && fusable(g) && p.length() == g.length()) {
                fused(name, p, g);
                return;
            }
            INDArray m = slot(name, "m", p);
            INDArray v = slot(name, "v", p);
            // The op computes step = lr·√(1-β2^t)/(1-β1^t) · m/(√v + ε'). With ε' = ε·√(1-β2^t) that is exactly
            // lr·m̂/(√v̂ + ε) of LANGUAGE.md (multiply numerator and denominator by √(1-β2^t)).
            double correctedEpsilon = epsilon * Math.sqrt(1 - Math.pow(beta2, step));
            Nd4j.exec(new AdamUpdater(g, v, m, lr, beta1, beta2, correctedEpsilon, iteration()));
            p.subi(g);
        }

        private static boolean fusable(INDArray a) {
            return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.elementWiseStride() == 1 && a.length() < Integer.MAX_VALUE;
        }

        /**
         * The same rule in one JVM loop over float arrays, which the JIT vectorises: the gradient and parameter are copied
         * from their native buffers and the parameter back (bulk copies), the moments stay on the heap. ND4J's
         * {@code adam_updater} op runs this loop unvectorised, at ~6 ns an element: a third of an MLP's compiled step.
         */
        private void fused(String name, INDArray p, INDArray g) {
            int n = (int) p.length();
            Moments s = moments.computeIfAbsent(name, k -> restored(k, p));
            FloatBuffer pb = p.data().asNioFloat(), gb = g.data().asNioFloat();
            pb.get((int) p.offset(), s.p, 0, n);
            gb.get((int) g.offset(), s.g, 0, n);
            float b1 = (float) beta1, c1 = (float) (1 - beta1), b2 = (float) beta2, c2 = (float) (1 - beta2);
            float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
            float eps = (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, step)));
            float[] m = s.m, v = s.v, theta = s.p, grad = s.g;
            for (int i = 0; i < n; i++) {
                float gi = grad[i];
                float mi = b1 * m[i] + c1 * gi;
                float vi = b2 * v[i] + c2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                theta[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
            }
            pb.put((int) p.offset(), theta, 0, n);
        }

        /** Heap moments for a parameter, from a restored state if there is one. */
        private Moments restored(String name, INDArray p) {
            int n = (int) p.length();
            INDArray m = state.remove(name + "#m"), v = state.remove(name + "#v");
            return new Moments(p.shape(), m == null ? new float[n] : m.castTo(DataType.FLOAT).reshape(n).toFloatVector(),
                    v == null ? new float[n] : v.castTo(DataType.FLOAT).reshape(n).toFloatVector(), new float[n], new float[n]);
        }

        @Override
        public Map<String, INDArray> state() {
            Map<String, INDArray> out = super.state();
            moments.forEach((name, s) -> {
                out.put(name + "#m", Nd4j.create(s.m(), s.shape(), 'c'));
                out.put(name + "#v", Nd4j.create(s.v(), s.shape(), 'c'));
            });
            return out;
        }

        @Override
        public void restore(Map<String, INDArray> saved) {
            moments.clear();
            super.restore(saved);
        }
    }
}
