package org.nnet.core.catalog;

import static org.nnet.core.catalog.ArgType.ACTIVATION;
import static org.nnet.core.catalog.ArgType.BOOL;
import static org.nnet.core.catalog.ArgType.FLOAT;
import static org.nnet.core.catalog.ArgType.INITIALIZER;
import static org.nnet.core.catalog.ArgType.INT;
import static org.nnet.core.catalog.ArgType.INT_OR_PAIR;
import static org.nnet.core.catalog.ArgType.PADDING;
import static org.nnet.core.catalog.ArgType.SHAPE;
import static org.nnet.core.catalog.ArgType.SPLIT;
import static org.nnet.core.catalog.ArgType.STRING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every built-in name of the .nnet language (LANGUAGE.md) with its category, arguments and a
 * one-line description; also the keys of composite and training blocks and the types a network
 * parameter may have.
 * <p>
 * A name may belong to more than one category ({@code mse} is a loss and a metric, {@code normal}
 * an initializer and a noise); {@link #builtins()} lists each name once, under its first category,
 * which is what the language needs to create one {@code Builtin} object per name.
 */
public final class Catalog {

    private static final List<CatalogEntry> ENTRIES = new ArrayList<>();
    private static final Map<String, List<CatalogEntry>> BY_NAME = new LinkedHashMap<>();
    private static final List<PropertySpec> AUTOENCODER_KEYS;
    private static final List<PropertySpec> GAN_KEYS;
    private static final List<PropertySpec> TRAINING_KEYS;
    private static final Map<String, ArgType> PARAMETER_TYPES = new LinkedHashMap<>();

    private Catalog() {
    }

    // ---- argument shorthands
    private static ArgSpec main(String name, ArgType type, Range range, String doc) {
        return new ArgSpec(name, type, null, range, true, true, doc);
    }

    private static ArgSpec mainOpt(String name, ArgType type, String def, Range range, String doc) {
        return new ArgSpec(name, type, def, range, true, false, doc);
    }

    private static ArgSpec req(String name, ArgType type, Range range, String doc) {
        return new ArgSpec(name, type, null, range, false, true, doc);
    }

    private static ArgSpec opt(String name, ArgType type, String def, Range range, String doc) {
        return new ArgSpec(name, type, def, range, false, false, doc);
    }

    private static void add(String name, Category category, String doc, ArgSpec... args) {
        CatalogEntry e = new CatalogEntry(name, category, doc, List.of(args));
        ENTRIES.add(e);
        BY_NAME.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
    }

    private static final ArgSpec ACT = opt("activation", ACTIVATION, "linear", null, "the activation applied to the output");
    private static final ArgSpec BIAS = opt("bias", BOOL, "true", null, "false drops the bias term");
    private static final ArgSpec INIT = opt("init", INITIALIZER, "xavier", null, "how the weights are initialised");
    private static final ArgSpec PAD = opt("padding", PADDING, "valid", null, "valid (p = 0), same (ceil(n / s)) or p");

    static {
        Category L = Category.LAYER;
        add("dense", L, "Fully connected: [f] -> [units]; on a sequence [T, f] -> [T, units]; f*units + units parameters.",
                main("units", INT, Range.POSITIVE, "the number of output units"), ACT, BIAS, INIT);
        add("maxout", L, "Maxout: [f] -> [units], the maximum of k linear pieces; k*(f*units + units) parameters.",
                main("units", INT, Range.POSITIVE, "the number of output units"),
                opt("pieces", INT, "2", Range.POSITIVE, "the number of linear pieces k"), INIT);
        add("conv1d", L, "1-d convolution: [T, f] -> [T', filters]; k*f*filters + filters parameters.",
                main("filters", INT, Range.POSITIVE, "the number of output channels"),
                req("kernel", INT, Range.POSITIVE, "the kernel length k"),
                opt("stride", INT, "1", Range.POSITIVE, "the step between windows"), PAD,
                opt("dilation", INT, "1", Range.POSITIVE, "the spacing between kernel taps"), ACT, BIAS, INIT);
        for (String conv : new String[] {"conv2d", "deconv2d"}) {
            boolean de = conv.startsWith("de");
            add(conv, L, de ? "Transposed 2-d convolution: [c, h, w] -> [filters, (h-1)s - 2p + d(k-1) + 1, ...]; kh*kw*c*filters + filters parameters."
                    : "2-d convolution: [c, h, w] -> [filters, h', w']; kh*kw*c*filters + filters parameters.",
                    main("filters", INT, Range.POSITIVE, "the number of output channels"),
                    req("kernel", INT_OR_PAIR, Range.POSITIVE, "the kernel size k or (kh, kw)"),
                    opt("stride", INT_OR_PAIR, "1", Range.POSITIVE, "the step between windows, s or (sh, sw)"), PAD,
                    opt("dilation", INT_OR_PAIR, "1", Range.POSITIVE, "the spacing between kernel taps"), ACT, BIAS, INIT);
        }
        for (String pool : new String[] {"maxpool1d", "avgpool1d", "maxpool2d", "avgpool2d"}) {
            boolean two = pool.endsWith("2d");
            ArgType t = two ? INT_OR_PAIR : INT;
            add(pool, L, (pool.startsWith("max") ? "Max" : "Average") + " pooling: "
                    + (two ? "[c, h, w] -> [c, h', w']" : "[T, f] -> [T', f]") + " as a convolution with k = size; no parameters.",
                    main("size", t, Range.POSITIVE, "the window size"),
                    opt("stride", t, "size", Range.POSITIVE, "the step between windows; defaults to the size"), PAD);
        }
        add("globalavgpool", L, "Global average pooling: [c, h, w] -> [c]; [T, f] -> [f]; no parameters.");
        add("globalmaxpool", L, "Global max pooling: [c, h, w] -> [c]; [T, f] -> [f]; no parameters.");
        add("upsample2d", L, "Nearest-neighbour upsampling: [c, h, w] -> [c, h*factor, w*factor]; no parameters.",
                mainOpt("factor", INT_OR_PAIR, "2", Range.POSITIVE, "the scale factor"));
        add("flatten", L, "Flattens to one axis, preserving the product of the dimensions; no parameters.");
        add("reshape", L, "Reshapes to the given shape, which must keep the product of the dimensions; no parameters.",
                main("shape", SHAPE, null, "the new shape, e.g. [1, 28, 28]"));
        add("dropout", L, "Drops a fraction of the activations while training; shape unchanged; no parameters.",
                main("rate", FLOAT, Range.FRACTION, "the fraction dropped, in [0, 1)"));
        add("activation", L, "Applies an activation; shape unchanged; no parameters.",
                main("fn", ACTIVATION, null, "the activation, e.g. relu"));
        add("batchnorm", L, "Batch normalisation of the channel axis; 2c trainable parameters and 2c running statistics.",
                opt("momentum", FLOAT, "0.99", Range.FRACTION, "the momentum of the running statistics"),
                opt("epsilon", FLOAT, "1e-3", Range.POSITIVE, "added to the variance"));
        add("layernorm", L, "Layer normalisation of the last axis; 2f parameters.",
                opt("epsilon", FLOAT, "1e-3", Range.POSITIVE, "added to the variance"));
        add("embedding", L, "Token embedding: [T] of token(vocab) -> [T, dim]; vocab*dim parameters.",
                main("vocab", INT, Range.POSITIVE, "the number of distinct tokens"),
                req("dim", INT, Range.POSITIVE, "the embedding size"), INIT);
        String[][] rnns = {{"rnn", "Simple recurrent layer", "u(f+u)+u"}, {"lstm", "LSTM", "4(u(f+u)+u)"},
            {"gru", "GRU", "3(u(f+u)+2u)"}};
        for (String[] r : rnns) {
            add(r[0], L, r[1] + ": [T, f] -> [units] ([T, units] with sequences: true); " + r[2] + " parameters, doubled when bidirectional.",
                    main("units", INT, Range.POSITIVE, "the size of the hidden state"),
                    opt("sequences", BOOL, "false", null, "true returns the output of every time step"),
                    opt("bidirectional", BOOL, "false", null, "true adds a backward pass, doubling units out and parameters"),
                    opt("activation", ACTIVATION, "tanh", null, "the activation of the hidden state"), INIT);
        }
        add("attention", L, "Multi-head attention: self [T, d] -> [T, d], or attention(query, context, ...) [Tq, d], [Tc, e] -> [Tq, d].",
                req("heads", INT, Range.POSITIVE, "the number of heads h"),
                req("key_dim", INT, Range.POSITIVE, "the size k of each head's keys and values"),
                opt("causal", BOOL, "false", null, "true masks the future"),
                opt("dropout", FLOAT, "0", Range.FRACTION, "dropout on the attention weights"), INIT);
        add("concat", L, "Concatenates its inputs on an axis; the other sizes must agree; no parameters.",
                opt("axis", INT, "0", null, "the axis to concatenate on (0 = channels of an image)"));
        add("add", L, "Adds its inputs element-wise; their shapes must be equal; no parameters.");
        add("multiply", L, "Multiplies its inputs element-wise; their shapes must be equal; no parameters.");
        add("gaussian", L, "Gaussian latent layer: [f] -> [latent] with mean and log-variance heads and a reparametrised sample; 2(f*latent + latent) parameters.",
                main("latent", INT, Range.POSITIVE, "the size of the latent code"), INIT);

        Category A = Category.ACTIVATION;
        add("linear", A, "The identity (the default).");
        add("relu", A, "max(0, x).");
        add("leakyrelu", A, "x for x > 0, alpha*x otherwise.",
                mainOpt("alpha", FLOAT, "0.01", Range.NON_NEGATIVE, "the slope below zero"));
        add("elu", A, "x for x > 0, alpha*(exp(x) - 1) otherwise.",
                mainOpt("alpha", FLOAT, "1.0", Range.NON_NEGATIVE, "the saturation value"));
        add("gelu", A, "Gaussian error linear unit.");
        add("sigmoid", A, "1 / (1 + exp(-x)), in (0, 1).");
        add("tanh", A, "Hyperbolic tangent, in (-1, 1).");
        add("softmax", A, "Normalised exponentials over the last axis: class probabilities.");
        add("softplus", A, "log(1 + exp(x)).");
        add("abs", A, "The absolute value unit |x|.");

        Category I = Category.INITIALIZER;
        add("xavier", I, "Glorot uniform (the default).");
        add("he", I, "He normal, for relu layers.");
        add("normal", I, "Normal with mean 0 and the given standard deviation.",
                mainOpt("std", FLOAT, "0.05", Range.POSITIVE, "the standard deviation"));
        add("zeros", I, "All zeros.");

        add("valid", Category.PADDING, "No padding (p = 0, the default).");
        add("same", Category.PADDING, "Pads so that the output length is ceil(n / s).");

        Category O = Category.OPTIMIZER;
        ArgSpec lr001 = mainOpt("lr", FLOAT, "0.01", Range.POSITIVE, "the learning rate");
        add("sgd", O, "Stochastic gradient descent, optionally with (Nesterov) momentum.", lr001,
                opt("momentum", FLOAT, "0", Range.FRACTION, "the momentum"),
                opt("nesterov", BOOL, "false", null, "true uses Nesterov momentum"));
        add("adagrad", O, "Adagrad: per-parameter rates shrinking with the summed squared gradients.", lr001);
        add("rmsprop", O, "RMSprop: gradients scaled by a running mean of their squares.",
                mainOpt("lr", FLOAT, "0.001", Range.POSITIVE, "the learning rate"),
                opt("rho", FLOAT, "0.9", Range.OPEN_FRACTION, "the decay of the running mean"));
        add("adam", O, "Adam with bias correction (defaults beta1 0.9, beta2 0.999, epsilon 1e-8).",
                mainOpt("lr", FLOAT, "0.001", Range.POSITIVE, "the learning rate"),
                opt("beta1", FLOAT, "0.9", Range.FRACTION, "the decay of the first moment"),
                opt("beta2", FLOAT, "0.999", Range.FRACTION, "the decay of the second moment"),
                opt("epsilon", FLOAT, "1e-8", Range.POSITIVE, "added to the denominator"));

        Category R = Category.REGULARIZER;
        add("l1", R, "Adds factor * sum |w| to the loss.", main("factor", FLOAT, Range.POSITIVE, "the penalty factor"));
        add("l2", R, "Adds factor * sum w^2 to the loss.", main("factor", FLOAT, Range.POSITIVE, "the penalty factor"));
        add("max_norm", R, "Rescales each unit's incoming weights to a norm of at most the value.",
                main("value", FLOAT, Range.POSITIVE, "the largest norm"));

        add("mse", Category.LOSS, "Mean squared error (the default of autoencoders and regression).");
        add("binary_cross_entropy", Category.LOSS, "Binary cross-entropy, on sigmoid outputs (the default of GANs).");
        add("cross_entropy", Category.LOSS, "Categorical cross-entropy, on softmax outputs against class labels (the default of classifiers).");
        add("accuracy", Category.METRIC, "The fraction of correctly classified examples.");
        add("mse", Category.METRIC, "Mean squared error.");
        add("mae", Category.METRIC, "Mean absolute error.");

        Category S = Category.SOURCE;
        ArgSpec split = opt("split", SPLIT, null, null, "train or test");
        ArgSpec take = opt("take", INT, null, Range.POSITIVE, "use only the first n examples");
        ArgSpec normalize = opt("normalize", BOOL, "false", null, "true scales the inputs to mean 0, variance 1");
        add("mnist", S, "MNIST digits: 60k train / 10k test images [1, 28, 28] in [0, 1], 10 classes.", split, take, normalize);
        add("fashion_mnist", S, "Fashion-MNIST: 60k train / 10k test images [1, 28, 28] in [0, 1], 10 classes.", split, take, normalize);
        add("moby_dick", S, "The text of Moby-Dick as ASCII tokens (vocab 128): input [window] tokens, target the next token at each step.",
                req("window", INT, Range.POSITIVE, "the sequence length"), split, take, normalize);
        add("csv", S, "A CSV file relative to the .nnet file; one column is the label.",
                main("path", STRING, null, "the file"), opt("label", STRING, null, null, "the label column"), split, take, normalize);
        add("idx", S, "IDX image and label files (the MNIST format) relative to the .nnet file.",
                req("images", STRING, null, "the image file"), opt("labels", STRING, null, null, "the label file"), split, take, normalize);
        add("text", S, "A text file as ASCII tokens (vocab 128), cut into windows.",
                main("path", STRING, null, "the file"), req("window", INT, Range.POSITIVE, "the sequence length"), split, take, normalize);
        add("images", S, "A folder of images with one sub-folder per class.",
                main("folder", STRING, null, "the folder"), split, take, normalize);
        add("reverse", S, "Synthetic sequences to reverse: fields source, target_in (target shifted right behind a start token) and target.",
                req("vocab", INT, Range.POSITIVE, "the number of distinct tokens"),
                req("length", INT, Range.POSITIVE, "the sequence length"),
                req("size", INT, Range.POSITIVE, "the number of examples"), split, take, normalize);

        add("train", Category.SPLIT, "The training part of a dataset.");
        add("test", Category.SPLIT, "The test part of a dataset.");
        add("split", Category.SPLIT, "Holds back a fraction of the training data for validation.",
                main("fraction", FLOAT, Range.OPEN_FRACTION, "the fraction held back, in (0, 1)"));

        add("normal", Category.NOISE, "Standard normal noise of the given shape.", main("shape", SHAPE, null, "the noise shape, e.g. [100]"));
        add("uniform", Category.NOISE, "Uniform noise in [-1, 1] of the given shape.", main("shape", SHAPE, null, "the noise shape, e.g. [100]"));

        add("plain", Category.AUTOENCODER_KIND, "Reconstructs its input (the default).");
        add("denoising", Category.AUTOENCODER_KIND, "Reconstructs clean inputs from corrupted ones.",
                opt("noise", FLOAT, "0.3", Range.OPEN_FRACTION, "the fraction of inputs corrupted"));
        add("variational", Category.AUTOENCODER_KIND, "Inserts gaussian(code size) after the encoder and adds its KL term to the loss.");

        add("patience", Category.STOPPING, "Stops when the validation loss has not improved for n epochs.",
                main("epochs", INT, Range.POSITIVE, "the number of epochs to wait"),
                opt("min_delta", FLOAT, "0", Range.NON_NEGATIVE, "the smallest change that counts as an improvement"));

        add("token", Category.TYPE, "A token of a vocabulary: [T] of token(vocab: N).",
                req("vocab", INT, Range.POSITIVE, "the number of distinct tokens"));

        AUTOENCODER_KEYS = List.of(
                new PropertySpec("encoder", true, false, "the network from the input to the code"),
                new PropertySpec("decoder", true, false, "the network from the code back to the input"),
                new PropertySpec("kind", false, false, "plain (default), denoising(noise: 0.3) or variational"));
        GAN_KEYS = List.of(
                new PropertySpec("generator", true, false, "the network from noise to a sample"),
                new PropertySpec("discriminator", true, false, "the network from a sample to one value [1]"),
                new PropertySpec("noise", true, false, "the generator's input: normal([n]) or uniform([n])"));
        TRAINING_KEYS = List.of(
                new PropertySpec("model", true, false, "the network, autoencoder or gan to train"),
                new PropertySpec("data", true, false, "a dataset or an inline source, e.g. mnist(split: train)"),
                new PropertySpec("validation", false, false, "a dataset, or split(fraction) of the training data"),
                new PropertySpec("loss", false, false, "mse, binary_cross_entropy or cross_entropy; default per model kind"),
                new PropertySpec("optimizer", false, false, "sgd, adagrad, rmsprop or adam (default adam)"),
                new PropertySpec("batch", false, false, "examples per step (default 32)"),
                new PropertySpec("epochs", false, false, "passes over the data (default 1)"),
                new PropertySpec("metrics", false, true, "what is reported besides the loss, e.g. accuracy"),
                new PropertySpec("regularization", false, false, "l1(f), l2(f) or max_norm(v)"),
                new PropertySpec("early_stopping", false, false, "patience(n)"),
                new PropertySpec("seed", false, false, "the random seed"),
                new PropertySpec("discriminator_steps", false, false, "gan only: discriminator steps per generator step"));

        PARAMETER_TYPES.put("int", INT);
        PARAMETER_TYPES.put("float", FLOAT);
        PARAMETER_TYPES.put("bool", BOOL);
        PARAMETER_TYPES.put("string", STRING);
        PARAMETER_TYPES.put("shape", SHAPE);
        PARAMETER_TYPES.put("activation", ACTIVATION);
        PARAMETER_TYPES.put("initializer", INITIALIZER);
        PARAMETER_TYPES.put("padding", PADDING);
    }

    /**
     * One entry per built-in name (the first category of names that have several): what the
     * language bundle turns into {@code Builtin} objects so that names resolve as references.
     */
    public static List<CatalogEntry> builtins() {
        List<CatalogEntry> out = new ArrayList<>(BY_NAME.size());
        for (List<CatalogEntry> es : BY_NAME.values()) {
            out.add(es.get(0));
        }
        return Collections.unmodifiableList(out);
    }

    /** Every entry, including a name's further categories ({@code mse} as a metric, {@code normal} as a noise). */
    public static List<CatalogEntry> entries() {
        return Collections.unmodifiableList(ENTRIES);
    }

    /** The entries of one category, e.g. all layers. */
    public static List<CatalogEntry> entries(Category category) {
        return ENTRIES.stream().filter(e -> e.category() == category).toList();
    }

    /** The layers with their argument specs. */
    public static List<CatalogEntry> layers() {
        return entries(Category.LAYER);
    }

    /** The entry of a name in its first category. */
    public static Optional<CatalogEntry> entry(String name) {
        List<CatalogEntry> es = name == null ? null : BY_NAME.get(name);
        return es == null ? Optional.empty() : Optional.of(es.get(0));
    }

    /** The entry of a name in the given category, e.g. ({@code "normal"}, NOISE). */
    public static Optional<CatalogEntry> entry(String name, Category category) {
        List<CatalogEntry> es = name == null ? null : BY_NAME.get(name);
        if (es != null) {
            for (CatalogEntry e : es) {
                if (e.category() == category) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The layer of that name. */
    public static Optional<CatalogEntry> layer(String name) {
        return entry(name, Category.LAYER);
    }

    /** Whether the name belongs to the category (in any of its entries). */
    public static boolean isA(String name, Category category) {
        return entry(name, category).isPresent();
    }

    /** The names of a category, in catalogue order. */
    public static List<String> names(Category category) {
        return entries(category).stream().map(CatalogEntry::name).toList();
    }

    /** The keys an {@code autoencoder} block takes. */
    public static List<PropertySpec> autoencoderKeys() {
        return AUTOENCODER_KEYS;
    }

    /** The keys a {@code gan} block takes. */
    public static List<PropertySpec> ganKeys() {
        return GAN_KEYS;
    }

    /** The keys a {@code training} block takes. */
    public static List<PropertySpec> trainingKeys() {
        return TRAINING_KEYS;
    }

    /** The types a network parameter may be declared with ({@code int}, {@code float}, ...), mapped to argument types. */
    public static Map<String, ArgType> parameterTypes() {
        return Collections.unmodifiableMap(PARAMETER_TYPES);
    }

    /**
     * The candidate closest to {@code word} by edit distance, if it is close enough to be a likely
     * typo ("did you mean"), else {@code null}.
     */
    public static String closest(String word, Iterable<String> candidates) {
        if (word == null) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return best != null && bestDistance <= allowed ? best : null;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE / 2;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
