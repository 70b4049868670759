package org.nnet.runtime.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The activation functions of the language. {@code softmax} normalises the last axis.
 *
 * @param kind  which function
 * @param alpha the slope of {@code leakyrelu} below 0, the saturation value of {@code elu} (ignored by the others)
 */
public record Activation(Kind kind, double alpha) {
    /** The functions. */
    public enum Kind {
        /** identity */ LINEAR, /** max(0, x) */ RELU, /** x or alpha*x */ LEAKYRELU, /** exponential linear unit */ ELU,
        /** Gaussian error linear unit */ GELU, /** logistic */ SIGMOID, /** tanh */ TANH, /** over the last axis */ SOFTMAX,
        /** log(1 + e^x) */ SOFTPLUS, /** |x| */ ABS
    }

    /** identity */ public static final Activation LINEAR = new Activation(Kind.LINEAR, 0);
    /** max(0, x) */ public static final Activation RELU = new Activation(Kind.RELU, 0);
    /** exponential linear unit, alpha 1 */ public static final Activation ELU = new Activation(Kind.ELU, 1);
    /** Gaussian error linear unit */ public static final Activation GELU = new Activation(Kind.GELU, 0);
    /** logistic */ public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    /** tanh */ public static final Activation TANH = new Activation(Kind.TANH, 0);
    /** softmax over the last axis */ public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);
    /** log(1 + e^x) */ public static final Activation SOFTPLUS = new Activation(Kind.SOFTPLUS, 0);
    /** |x| */ public static final Activation ABS = new Activation(Kind.ABS, 0);

    /** {@code leakyrelu(alpha)}. */
    public static Activation leakyRelu(double alpha) {
        return new Activation(Kind.LEAKYRELU, alpha);
    }

    /** {@code elu(alpha)}: x for x > 0, alpha*(exp(x) - 1) otherwise. */
    public static Activation elu(double alpha) {
        return new Activation(Kind.ELU, alpha);
    }

    /** Applies the function; the result is named {@code name}. */
    public SDVariable apply(SameDiff sd, String name, SDVariable x, int rank) {
        return switch (kind) {
        case LINEAR -> sd.identity(name, x);
        case RELU -> sd.nn.relu(name, x, 0);
        case LEAKYRELU -> sd.nn.leakyRelu(name, x, alpha);
        // relu(x) + alpha*(elu(x) - relu(x)): ND4J's elu op has alpha 1 only
        case ELU -> alpha == 1 ? sd.nn.elu(name, x) : sd.math.add(name, sd.nn.relu(x, 0), sd.nn.elu(x).sub(sd.nn.relu(x, 0)).mul(alpha));
        case GELU -> sd.nn.gelu(name, x);
        case SIGMOID -> sd.nn.sigmoid(name, x);
        case TANH -> sd.math.tanh(name, x);
        case SOFTMAX -> sd.nn.softmax(name, x, rank - 1);
        case SOFTPLUS -> sd.nn.softplus(name, x);
        case ABS -> sd.math.abs(name, x);
        };
    }
}
