package org.nnet.core.inference;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EStructuralFeature;
import org.nnet.core.IssueCodes;
import org.nnet.core.shape.Shape;
import org.nnet.core.shape.Shape.Dimension;
import org.nnet.model.LayerStep;
import org.nnet.model.NnetPackage;

/** The shape rule and parameter count of each built-in layer (the table of LANGUAGE.md). */
final class Layers {

    /** What a layer gives: output shape, parameters, and the activation it ends in. */
    record Result(Shape shape, Long trainable, Long total, String activation) {
    }

    private static final EStructuralFeature CALLEE = NnetPackage.eINSTANCE.getLayerStep_Callee();
    private static final Long ZERO = 0L;

    private final NetworkRun run;
    private final LayerStep step;
    private final String name;
    private final Evaluator.Bound a;

    Layers(NetworkRun run, LayerStep step, String name, Evaluator.Bound a) {
        this.run = run;
        this.step = step;
        this.name = name;
        this.a = a;
    }

    private void error(String code, String message, String... data) {
        run.rep.error(code, message, step, CALLEE, data);
    }

    private Result none(Shape s, String act) {
        return new Result(s, ZERO, ZERO, act);
    }

    private Result params(Shape s, Long trainable, String act) {
        return new Result(s, trainable, trainable, act);
    }

    private String act() {
        return a.symbol("activation", "linear");
    }

    /** Whether a token input is an error here (it needs an embedding first); reports it. */
    private boolean tokens(Shape in) {
        if (in.isTokens()) {
            error(IssueCodes.INSERT_EMBEDDING, name + " needs numbers but gets token ids " + in
                    + ": insert embedding(" + (in.vocab() == null ? "vocab" : in.vocab()) + ", dim: 32) before it",
                    in.vocab() == null ? "?" : in.vocab().toString());
            return true;
        }
        return false;
    }

    private void wrongRank(Shape in, int expected, String what, String fix) {
        error(IssueCodes.WRONG_RANK, name + " expects " + what + " but gets " + in + ": " + fix, Integer.toString(expected),
                Integer.toString(in.rank()));
    }

    Result apply(Shape in, String inAct) {
        boolean known = in.isRankKnown();
        switch (name) {
            case "dense", "maxout":
                return dense(in, known);
            case "conv1d":
                return conv1d(in, known);
            case "conv2d", "deconv2d":
                return conv2d(in, known, name.equals("deconv2d"));
            case "maxpool1d", "avgpool1d":
                return pool1d(in, known);
            case "maxpool2d", "avgpool2d":
                return pool2d(in, known);
            case "globalavgpool", "globalmaxpool":
                if (!known || tokens(in)) {
                    return none(Shape.UNKNOWN, "linear");
                }
                if (in.rank() == 3 || in.rank() == 2) {
                    return none(Shape.of(List.of(in.rank() == 3 ? in.dim(0) : in.dim(1))), inAct);
                }
                wrongRank(in, 3, "an image [channels, height, width] or a sequence [time, features]", "use flatten() or dense instead");
                return none(Shape.UNKNOWN, inAct);
            case "upsample2d":
                return upsample(in, known, inAct);
            case "flatten":
                if (!known) {
                    return none(Shape.UNKNOWN, inAct);
                }
                List<Dimension> flat = List.of(ShapeMath.dim(in.product()));
                return none(in.isTokens() ? Shape.tokens(flat, in.vocab()) : Shape.of(flat), inAct);
            case "reshape":
                return reshape(in, known, inAct);
            case "dropout":
                return none(in, inAct);
            case "activation":
                return none(in, a.symbol("fn", null));
            case "batchnorm":
                return batchnorm(in, known, inAct);
            case "layernorm":
                if (!known || tokens(in)) {
                    return params(in, null, inAct);
                }
                return params(in, run.mul(2L, in.last()), inAct);
            case "embedding":
                return embedding(in, known);
            case "rnn", "lstm", "gru":
                return recurrent(in, known);
            case "gaussian":
                return gaussian(in, known);
            default:
                return new Result(Shape.UNKNOWN, null, null, null);
        }
    }

    // ---- dense, maxout, gaussian

    private Result dense(Shape in, boolean known) {
        Long units = a.integer("units", null);
        boolean bias = !Boolean.FALSE.equals(a.bool("bias", true));
        Long f;
        List<Dimension> out = new ArrayList<>(2);
        if (!known) {
            f = null;
            out = null;
        } else if (tokens(in)) {
            f = null;
            out = null;
        } else if (in.rank() == 1) {
            f = in.size(0);
            out.add(ShapeMath.dim(units));
        } else if (in.rank() == 2) {
            f = in.size(1);
            out.add(in.dim(0));
            out.add(ShapeMath.dim(units));
        } else if (in.rank() == 0) {
            error(IssueCodes.WRONG_RANK, name + " expects a flat input but gets a scalar []: reshape it to [1]", "1", "0");
            f = 1L;
            out.add(ShapeMath.dim(units));
        } else {
            error(IssueCodes.INSERT_FLATTEN, name + " expects a flat input but gets " + in + ": insert flatten() before it", name);
            f = in.product();
            out.add(ShapeMath.dim(units));
        }
        Shape s = out == null ? Shape.UNKNOWN : Shape.of(out);
        if ("maxout".equals(name)) {
            Long k = a.integer("pieces", 2L);
            return params(s, run.mul(k, run.add(run.mul(f, units), units)), "linear");
        }
        return params(s, run.add(run.mul(f, units), bias ? units : ZERO), act());
    }

    private Result gaussian(Shape in, boolean known) {
        Long latent = a.integer("latent", null);
        Shape s = Shape.of(List.of(ShapeMath.dim(latent)));
        Long f = null;
        if (known && !tokens(in)) {
            if (in.rank() == 1) {
                f = in.size(0);
            } else {
                error(IssueCodes.INSERT_FLATTEN, "gaussian expects a flat input but gets " + in + ": insert flatten() before it", name);
                f = in.product();
            }
        }
        return params(s, gaussianParams(run, f, latent), "linear");
    }

    static Long gaussianParams(NetworkRun run, Long f, Long latent) {
        return run.mul(2L, run.add(run.mul(f, latent), latent));
    }

    // ---- convolution and pooling

    /** Padding as {ph, pw} with same = null entries marked by {@code same[0]}. */
    private record Pad(boolean same, Long ph, Long pw) {
    }

    private Pad pad() {
        Value v = a.get("padding");
        if (v == null) {
            return new Pad(false, 0L, 0L);
        }
        if (v instanceof Value.Sym s) {
            return "same".equals(s.name()) ? new Pad(true, null, null) : new Pad(false, 0L, 0L);
        }
        Long[] p = Evaluator.pair(v);
        return new Pad(false, p[0], p[1]);
    }

    /** Output length of a convolution or pooling along one axis; reports sizes of 0 or less. */
    private Long convLength(Long n, Long k, Long s, Long p, boolean same, Long d, String axis, Shape in, boolean transposed) {
        if (n == null || k == null || s == null || d == null || (!same && p == null)) {
            return null;
        }
        Long out;
        if (transposed) {
            out = same ? run.mul(n, s) : run.add(run.mul(n - 1, s), run.mul(-2L, p), run.mul(d, k - 1), 1L);
        } else if (same) {
            out = s <= 0 ? null : Math.floorDiv(n - 1, s) + 1; // ceil(n / s) for n >= 1
        } else {
            Long num = run.add(n, run.mul(2L, p), run.mul(-1L, run.mul(d, k - 1)), -1L);
            out = num == null || s <= 0 ? null : Math.floorDiv(num, s) + 1;
        }
        if (out != null && out <= 0) {
            error(IssueCodes.NON_POSITIVE_OUTPUT, name + " on " + in + " gives a " + axis + " of " + out + " (kernel " + k + ", stride "
                    + s + ", padding " + p + (d != 1 ? ", dilation " + d : "") + "): use padding: same, a smaller kernel or a larger input",
                    axisIndex(axis), out.toString());
            return null;
        }
        return out;
    }

    /** The index in the input shape of a named axis: the quick-fix data of {@link IssueCodes#NON_POSITIVE_OUTPUT}. */
    private static String axisIndex(String axis) {
        return switch (axis) {
            case "height" -> "1";
            case "width" -> "2";
            default -> "0"; // the length of a sequence [T, f]
        };
    }

    private Dimension lengthDim(Dimension old, Long size) {
        return size != null && size.equals(old.size()) ? old : ShapeMath.dim(size);
    }

    private Result conv1d(Shape in, boolean known) {
        Long filters = a.integer("filters", null);
        Long k = a.integer("kernel", null);
        boolean bias = !Boolean.FALSE.equals(a.bool("bias", true));
        Long c = null;
        Shape out = Shape.UNKNOWN;
        if (known && !tokens(in)) {
            if (in.rank() != 2) {
                wrongRank(in, 2, "a sequence [time, features]", in.rank() == 3 ? "use conv2d for images" : "reshape it to [length, 1] first");
            } else {
                c = in.size(1);
                Pad p = pad();
                Long t = convLength(in.size(0), k, a.integer("stride", 1L), p.ph(), p.same(), a.integer("dilation", 1L), "length", in, false);
                out = Shape.of(List.of(lengthDim(in.dim(0), t), ShapeMath.dim(filters)));
            }
        }
        return params(out, run.add(run.mul(k, c, filters), bias ? filters : ZERO), act());
    }

    private Result conv2d(Shape in, boolean known, boolean transposed) {
        Long filters = a.integer("filters", null);
        Long[] k = a.pair("kernel", new Long[] {null, null});
        boolean bias = !Boolean.FALSE.equals(a.bool("bias", true));
        Long c = null;
        Shape out = Shape.UNKNOWN;
        if (known && !tokens(in)) {
            if (in.rank() != 3) {
                wrongRank(in, 3, "an image [channels, height, width]",
                        in.rank() == 1 ? "reshape it first, e.g. reshape([1, 28, 28])" : "reshape it to [channels, height, width] first");
            } else {
                c = in.size(0);
                Long[] s = a.pair("stride", new Long[] {1L, 1L});
                Long[] d = a.pair("dilation", new Long[] {1L, 1L});
                Pad p = pad();
                Long h = convLength(in.size(1), k[0], s[0], p.ph(), p.same(), d[0], "height", in, transposed);
                Long w = convLength(in.size(2), k[1], s[1], p.pw(), p.same(), d[1], "width", in, transposed);
                out = Shape.of(List.of(ShapeMath.dim(filters), lengthDim(in.dim(1), h), lengthDim(in.dim(2), w)));
            }
        }
        return params(out, run.add(run.mul(k[0], k[1], c, filters), bias ? filters : ZERO), act());
    }

    private Result pool1d(Shape in, boolean known) {
        Long size = a.integer("size", null);
        if (!known || tokens(in)) {
            return none(Shape.UNKNOWN, "linear");
        }
        if (in.rank() != 2) {
            wrongRank(in, 2, "a sequence [time, features]", in.rank() == 3 ? "use " + name.replace("1d", "2d") + " for images"
                    : "reshape it to [length, 1] first");
            return none(Shape.UNKNOWN, "linear");
        }
        Pad p = pad();
        Long t = convLength(in.size(0), size, a.integer("stride", size), p.ph(), p.same(), 1L, "length", in, false);
        return none(Shape.of(List.of(lengthDim(in.dim(0), t), in.dim(1))), "linear");
    }

    private Result pool2d(Shape in, boolean known) {
        Long[] size = a.pair("size", new Long[] {null, null});
        if (!known || tokens(in)) {
            return none(Shape.UNKNOWN, "linear");
        }
        if (in.rank() != 3) {
            wrongRank(in, 3, "an image [channels, height, width]", in.rank() == 2 ? "use " + name.replace("2d", "1d") + " for sequences"
                    : "reshape it to [channels, height, width] first");
            return none(Shape.UNKNOWN, "linear");
        }
        Long[] s = a.pair("stride", size);
        Pad p = pad();
        Long h = convLength(in.size(1), size[0], s[0], p.ph(), p.same(), 1L, "height", in, false);
        Long w = convLength(in.size(2), size[1], s[1], p.pw(), p.same(), 1L, "width", in, false);
        return none(Shape.of(List.of(in.dim(0), lengthDim(in.dim(1), h), lengthDim(in.dim(2), w))), "linear");
    }

    private Result upsample(Shape in, boolean known, String inAct) {
        Long[] f = a.pair("factor", new Long[] {2L, 2L});
        if (!known || tokens(in)) {
            return none(Shape.UNKNOWN, inAct);
        }
        if (in.rank() != 3) {
            wrongRank(in, 3, "an image [channels, height, width]", "reshape it to [channels, height, width] first");
            return none(Shape.UNKNOWN, inAct);
        }
        return none(Shape.of(List.of(in.dim(0), ShapeMath.dim(run.mul(in.size(1), f[0])), ShapeMath.dim(run.mul(in.size(2), f[1])))),
                inAct);
    }

    // ---- reshape, normalisation

    private Result reshape(Shape in, boolean known, String inAct) {
        Value v = a.get("shape");
        if (!(v instanceof Value.ShapeValue sv)) {
            return none(Shape.UNKNOWN, inAct);
        }
        Shape target = sv.shape();
        Long inProduct = known ? in.product() : null;
        int unknownAt = -1;
        int unknowns = 0;
        long knownProduct = 1;
        boolean big = false;
        for (int i = 0; i < target.rank(); i++) {
            Long s = target.size(i);
            if (s == null) {
                unknowns++;
                unknownAt = i;
            } else {
                try {
                    knownProduct = Math.multiplyExact(knownProduct, s);
                } catch (ArithmeticException e) {
                    big = true;
                }
            }
        }
        if (big || inProduct == null) {
            return none(target, inAct);
        }
        if (unknowns == 0 && knownProduct != inProduct) {
            error(IssueCodes.RESHAPE_SIZE, "reshape to " + target + " needs " + knownProduct + " elements but gets " + in + " with "
                    + inProduct + ": make the products equal", inProduct.toString());
        } else if (unknowns == 1) {
            if (knownProduct == 0 || inProduct % knownProduct != 0) {
                error(IssueCodes.RESHAPE_SIZE, "reshape to " + target + " cannot hold the " + inProduct + " elements of " + in
                        + ": make the products equal", inProduct.toString());
            } else {
                List<Dimension> dims = new ArrayList<>(target.dims());
                dims.set(unknownAt, dims.get(unknownAt).withSize(inProduct / knownProduct));
                target = target.isTokens() ? Shape.tokens(dims, target.vocab()) : Shape.of(dims);
            }
        }
        return none(target, inAct);
    }

    private Result batchnorm(Shape in, boolean known, String inAct) {
        if (!known || tokens(in)) {
            return new Result(in.isTokens() ? Shape.UNKNOWN : in, null, null, inAct);
        }
        Long c = switch (in.rank()) {
            case 0 -> 1L;
            case 2 -> in.size(1);
            default -> in.size(0);
        };
        return new Result(in, run.mul(2L, c), run.mul(4L, c), inAct);
    }

    // ---- sequences

    private Result embedding(Shape in, boolean known) {
        Long vocab = a.integer("vocab", null);
        Long dim = a.integer("dim", null);
        Long n = run.mul(vocab, dim);
        if (!known) {
            return params(Shape.UNKNOWN, n, "linear");
        }
        if (!in.isTokens()) {
            error(IssueCodes.EMBEDDING_NEEDS_TOKENS, "embedding needs token ids [time] of token(vocab: N) but gets " + in
                    + ": declare the input as tokens, or use dense for numbers");
        } else if (vocab != null && in.vocab() != null && vocab < in.vocab()) {
            error(IssueCodes.VOCAB_TOO_SMALL, "embedding has a vocab of " + vocab + " but its input has tokens up to " + in.vocab()
                    + ": use embedding(" + in.vocab() + ", ...)", in.vocab().toString());
        }
        List<Dimension> dims = new ArrayList<>(in.dims());
        dims.add(ShapeMath.dim(dim));
        return params(Shape.of(dims), n, "linear");
    }

    private Result recurrent(Shape in, boolean known) {
        Long u = a.integer("units", null);
        Boolean seq = a.bool("sequences", false);
        Boolean bi = a.bool("bidirectional", false);
        Long f = null;
        Shape out = Shape.UNKNOWN;
        if (known && !tokens(in)) {
            if (in.rank() != 2) {
                wrongRank(in, 2, "a sequence [time, features]", in.rank() == 1 ? "reshape it to [time, features] first"
                        : "flatten each time step first");
            } else {
                f = in.size(1);
                Long width = bi == null ? null : Boolean.TRUE.equals(bi) ? run.mul(2L, u) : u;
                if (seq == null) {
                    out = Shape.UNKNOWN;
                } else {
                    out = seq ? Shape.of(List.of(in.dim(0), ShapeMath.dim(width))) : Shape.of(List.of(ShapeMath.dim(width)));
                }
            }
        }
        Long base = switch (name) {
            case "rnn" -> run.add(run.mul(u, run.add(f, u)), u);
            case "lstm" -> run.mul(4L, run.add(run.mul(u, run.add(f, u)), u));
            default -> run.mul(3L, run.add(run.mul(u, run.add(f, u)), run.mul(2L, u)));
        };
        Long n = bi == null ? null : Boolean.TRUE.equals(bi) ? run.mul(2L, base) : base;
        return params(out, n, "linear");
    }

    // ---- multi-input layers

    Result applyMulti(List<Val> ins) {
        switch (name) {
            case "attention":
                return attention(ins);
            case "concat":
                return concat(ins);
            default:
                return elementwise(ins);
        }
    }

    private Result attention(List<Val> ins) {
        Long h = a.integer("heads", null);
        Long k = a.integer("key_dim", null);
        if (ins.isEmpty() || ins.size() > 2) {
            error(IssueCodes.WRONG_INPUTS, "attention takes one input (self-attention) or a query and a context, not " + ins.size()
                    + ": write x -> attention(heads: 4, key_dim: 32) or attention(query, context, heads: 4, key_dim: 32)");
            return new Result(Shape.UNKNOWN, null, null, "linear");
        }
        Shape q = ins.get(0).shape();
        Shape c = ins.size() == 2 ? ins.get(1).shape() : q;
        Long d = null;
        Long e = null;
        Shape out = Shape.UNKNOWN;
        boolean ok = true;
        for (int i = 0; i < ins.size(); i++) {
            Shape s = ins.get(i).shape();
            if (!s.isRankKnown()) {
                ok = false;
            } else if (s.isTokens()) {
                tokens(s);
                ok = false;
            } else if (s.rank() != 2) {
                error(IssueCodes.ATTENTION_DIMS, "attention needs sequences [time, features], but its "
                        + (ins.size() == 1 ? "input" : i == 0 ? "query" : "context") + " is " + s
                        + ": reshape it to [time, features] or use an rnn with sequences: true first");
                ok = false;
            }
        }
        if (ok) {
            d = q.size(1);
            e = c.size(1);
            out = q;
        } else if (q.isRankKnown() && q.rank() == 2 && !q.isTokens()) {
            d = q.size(1);
        }
        Long hk = run.mul(h, k);
        Long n = run.add(run.mul(d, hk), run.mul(2L, e, hk), run.mul(hk, d), run.mul(3L, hk), d);
        return params(out, n, "linear");
    }

    private Result concat(List<Val> ins) {
        if (ins.size() < 2) {
            error(IssueCodes.WRONG_INPUTS, "concat needs at least two inputs: write concat(a, b, ...)");
            return none(ins.isEmpty() ? Shape.UNKNOWN : ins.get(0).shape(), "linear");
        }
        Long axisArg = a.integer("axis", 0L);
        for (Val v : ins) {
            if (!v.shape().isRankKnown()) {
                return none(Shape.UNKNOWN, "linear");
            }
        }
        Shape first = ins.get(0).shape();
        int rank = first.rank();
        for (Val v : ins) {
            if (v.shape().rank() != rank || v.shape().isTokens() != first.isTokens()) {
                error(IssueCodes.CONCAT_MISMATCH, "concat needs inputs of the same rank but gets " + describe(ins)
                        + ": reshape them to agree", axisArg == null ? "0" : axisArg.toString());
                return none(Shape.UNKNOWN, "linear");
            }
        }
        if (axisArg == null) {
            return none(Shape.UNKNOWN, "linear");
        }
        long axis = axisArg < 0 ? axisArg + rank : axisArg;
        if (axis < 0 || axis >= rank) {
            run.rep.error(IssueCodes.AXIS_OUT_OF_RANGE, "concat's axis " + axisArg + " is outside inputs of rank " + rank + " ("
                    + describe(ins) + "): use an axis from 0 to " + (rank - 1), a.sources.containsKey("axis")
                    ? a.sources.get("axis") : step, null, Integer.toString(rank));
            return none(Shape.UNKNOWN, "linear");
        }
        List<Dimension> dims = new ArrayList<>(first.dims());
        Long sum = 0L;
        for (Val v : ins) {
            Shape s = v.shape();
            for (int i = 0; i < rank; i++) {
                if (i == axis) {
                    continue;
                }
                Dimension m = ShapeMath.merge(dims.get(i), s.dim(i));
                if (m == null) {
                    error(IssueCodes.CONCAT_MISMATCH, "concat on axis " + axis + " needs equal sizes on the other axes but gets "
                            + describe(ins) + ": make them agree or concatenate on another axis", Long.toString(axis));
                    return none(Shape.UNKNOWN, "linear");
                }
                dims.set(i, m);
            }
            sum = run.add(sum, s.size((int) axis));
        }
        dims.set((int) axis, ShapeMath.dim(sum));
        return none(first.isTokens() ? Shape.tokens(dims, first.vocab()) : Shape.of(dims), "linear");
    }

    private Result elementwise(List<Val> ins) {
        if (ins.size() < 2) {
            error(IssueCodes.WRONG_INPUTS, name + " needs at least two inputs: write " + name + "(a, b, ...)");
            return none(ins.isEmpty() ? Shape.UNKNOWN : ins.get(0).shape(), "linear");
        }
        Shape m = ins.get(0).shape();
        for (int i = 1; i < ins.size(); i++) {
            Shape next = ShapeMath.merge(m, ins.get(i).shape());
            if (next == null) {
                error(IssueCodes.SHAPE_MISMATCH, name + " needs inputs of equal shape but gets " + describe(ins)
                        + ": make the shapes agree", ins.get(0).shape().toString(), ins.get(i).shape().toString());
                return none(Shape.UNKNOWN, "linear");
            }
            m = next;
        }
        return none(m, "linear");
    }

    private static String describe(List<Val> ins) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ins.size(); i++) {
            b.append(i == 0 ? "" : i == ins.size() - 1 ? " and " : ", ").append(ins.get(i).shape());
        }
        return b.toString();
    }
}
