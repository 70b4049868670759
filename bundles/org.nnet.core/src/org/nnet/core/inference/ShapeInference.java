package org.nnet.core.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnet.core.IssueCodes;
import org.nnet.core.Problem;
import org.nnet.core.Severity;
import org.nnet.core.shape.Shape;
import org.nnet.model.Autoencoder;
import org.nnet.model.Dataset;
import org.nnet.model.Element;
import org.nnet.model.Gan;
import org.nnet.model.Network;
import org.nnet.model.Parameter;
import org.nnet.model.Training;

/**
 * Shape inference and model checks for the .nnet language: infers the shapes and parameter counts
 * of networks, autoencoders and GANs, and checks datasets and trainings, reporting every problem
 * as a {@link Problem} with an {@link IssueCodes issue code}.
 * <p>
 * Stateless and cheap to create; each call infers afresh (networks used as steps are inferred once
 * per distinct binding within a call). Never throws on a partial or broken model: unresolved
 * references (null or proxies) count as unknown, and unknown sizes propagate as {@code ?}.
 * Every problem of a report is on an object inside the element that was passed in.
 */
public final class ShapeInference {

    /**
     * Infers a network, an autoencoder or a GAN; returns {@code null} for a dataset or training
     * (use {@link #checkDataset(Dataset)}, {@link #checkTraining(Training)} or {@link #check(Element)}).
     */
    public ModelReport infer(Element element) {
        if (element instanceof Network n) {
            return infer(n);
        }
        if (element instanceof Autoencoder a) {
            return infer(a);
        }
        if (element instanceof Gan g) {
            return infer(g);
        }
        return null;
    }

    /** Infers a network on its own: parameters unbound (unknown), inputs as declared. */
    public ModelReport infer(Network network) {
        return guard(network, () -> new Inference().network(network, null, null).report());
    }

    /**
     * Infers a network with parameters bound by name and its single input bound to a shape, as
     * using it as a step does. Values: {@link Long} or {@link Integer} for int, {@link Double} for
     * float, {@link Boolean} for bool, {@link Shape} for shape, and {@link String} for string or
     * for a built-in name ({@code "relu"}) where the parameter is an activation, initializer or
     * padding; a missing parameter stays unknown. {@code inputShape} may be {@code null} for the
     * declared shape.
     */
    public ModelReport infer(Network network, Map<String, ?> parameters, Shape inputShape) {
        return guard(network, () -> {
            Map<Parameter, Value> bound = new LinkedHashMap<>();
            for (Parameter p : network.getParameters()) {
                Object v = p == null || parameters == null ? null : parameters.get(p.getName());
                if (p != null) {
                    bound.put(p, toValue(v, p));
                }
            }
            return new Inference().network(network, bound, inputShape).report();
        });
    }

    private static Value toValue(Object v, Parameter p) {
        if (v instanceof Long l) {
            return new Value.Int(l);
        }
        if (v instanceof Integer i) {
            return new Value.Int(i);
        }
        if (v instanceof Double d) {
            return new Value.Real(d);
        }
        if (v instanceof Boolean b) {
            return new Value.Bool(b);
        }
        if (v instanceof String s) {
            org.nnet.core.catalog.ArgType t = Evaluator.parameterType(p);
            boolean builtin = t == org.nnet.core.catalog.ArgType.ACTIVATION || t == org.nnet.core.catalog.ArgType.INITIALIZER
                    || t == org.nnet.core.catalog.ArgType.PADDING;
            return builtin ? new Value.Sym(s, null, null) : new Value.Str(s);
        }
        if (v instanceof Shape s) {
            return new Value.ShapeValue(s);
        }
        return new Value.Unknown(Evaluator.parameterType(p));
    }

    /** Infers an autoencoder: its members, the {@code gaussian} a variational one inserts, and the round trip. */
    public ModelReport infer(Autoencoder autoencoder) {
        return guard(autoencoder, () -> new Inference().autoencoder(autoencoder).report());
    }

    /** Infers a GAN: its members, the noise, and that the discriminator takes the generator's samples. */
    public ModelReport infer(Gan gan) {
        return guard(gan, () -> new Inference().gan(gan).report());
    }

    /** Checks a training: its keys, model, data, loss, optimizer and the rest, and that data and loss fit the model. */
    public TrainingReport checkTraining(Training training) {
        try {
            return new Inference().training(training);
        } catch (RuntimeException | StackOverflowError e) {
            return new TrainingReport(training, null, null, null, null, null, List.of(internal(training, e)));
        }
    }

    /** Checks a dataset declaration: its source and options, and that files it names exist. */
    public DatasetReport checkDataset(Dataset dataset) {
        try {
            return new Inference().dataset(dataset);
        } catch (RuntimeException | StackOverflowError e) {
            return new DatasetReport(dataset, null, List.of(internal(dataset, e)));
        }
    }

    /** The problems of any element: what a validator reports for it. */
    public List<Problem> check(Element element) {
        if (element instanceof Training t) {
            return checkTraining(t).problems();
        }
        if (element instanceof Dataset d) {
            return checkDataset(d).problems();
        }
        ModelReport r = infer(element);
        return r == null ? List.of() : r.problems();
    }

    private interface Job {
        ModelReport run();
    }

    private static ModelReport guard(Element e, Job job) {
        if (e == null) {
            return null;
        }
        try {
            return job.run();
        } catch (RuntimeException | StackOverflowError ex) {
            if (Boolean.getBoolean("nnet.debug")) {
                ex.printStackTrace();
            }
            ModelKind kind = e instanceof Autoencoder ? ModelKind.AUTOENCODER : e instanceof Gan ? ModelKind.GAN : ModelKind.NETWORK;
            return new ModelReport(Inference.qualifiedName(e), kind, e, List.of(), List.of(), List.of(), List.of(), null, null, null,
                    List.of(internal(e, ex)));
        }
    }

    private static Problem internal(Element e, Throwable ex) {
        return new Problem(Severity.ERROR, IssueCodes.INTERNAL_ERROR, "Shape inference stopped on this declaration ("
                + ex.getClass().getSimpleName() + "): please report it with the file", e, null, null);
    }
}
