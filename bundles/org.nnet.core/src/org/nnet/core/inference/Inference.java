package org.nnet.core.inference;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.nnet.core.IssueCodes;
import org.nnet.core.Problem;
import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.ArgType;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.catalog.Category;
import org.nnet.core.catalog.PropertySpec;
import org.nnet.core.catalog.Range;
import org.nnet.core.shape.Shape;
import org.nnet.model.Autoencoder;
import org.nnet.model.Dataset;
import org.nnet.model.Element;
import org.nnet.model.Expression;
import org.nnet.model.Gan;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.NnetPackage;
import org.nnet.model.Output;
import org.nnet.model.Parameter;
import org.nnet.model.Property;
import org.nnet.model.SymbolRef;
import org.nnet.model.Training;

/**
 * One inference session: caches network runs (by network, parameter values and input shape) so
 * that a network used as a step many times is inferred once per distinct binding, and holds the
 * rules for composites, datasets and trainings.
 */
final class Inference {

    /** A network or composite inferred, with the values at its outputs (for loss checks). */
    record Result(ModelReport report, List<Val> outputs) {
    }

    private static final NnetPackage P = NnetPackage.eINSTANCE;
    private static final CatalogEntry DATASET_OPTIONS = new CatalogEntry("dataset", Category.SOURCE, "options of a named dataset",
            List.of(new ArgSpec("split", ArgType.SPLIT, null, null, false, false, "train or test"),
                    new ArgSpec("take", ArgType.INT, null, Range.POSITIVE, false, false, "use only the first n examples"),
                    new ArgSpec("normalize", ArgType.BOOL, "false", null, false, false, "scale inputs to mean 0, variance 1")));

    private final Map<String, Result> cache = new HashMap<>();
    private final Set<Network> running = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean cycle;

    boolean inProgress(Network n) {
        return running.contains(n);
    }

    /** The networks being run, innermost first. */
    private final java.util.Deque<Network> stack = new java.util.ArrayDeque<>();
    /** The networks found on a cycle of networks used as steps. */
    private final Set<Network> cyclic = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Marks the running networks from the innermost out to {@code to} (which a step uses again) as a cycle. */
    void markCycle(Network to) {
        for (Network n : stack) {
            cyclic.add(n);
            if (n == to) {
                return;
            }
        }
    }

    /** Whether {@code n} is on a cycle of networks found so far. */
    boolean inCycle(Network n) {
        return cyclic.contains(n);
    }

    // ---- names

    static String qualifiedName(Element e) {
        String name = e.getName() == null ? "?" : e.getName();
        EObject c = e.eContainer();
        while (c != null && !(c instanceof Model)) {
            c = c.eContainer();
        }
        return c instanceof Model m && m.getName() != null && !m.getName().isEmpty() ? m.getName() + "." + name : name;
    }

    static Network networkOf(EObject o) {
        EObject c = o;
        while (c != null && !(c instanceof Network)) {
            c = c.eContainer();
        }
        return (Network) c;
    }

    static String describeKind(Element e) {
        if (e instanceof Network) {
            return "a network";
        }
        if (e instanceof Autoencoder) {
            return "an autoencoder";
        }
        if (e instanceof Gan) {
            return "a gan";
        }
        if (e instanceof Dataset) {
            return "a dataset";
        }
        if (e instanceof Training) {
            return "a training";
        }
        return "a declaration";
    }

    static Long sum(Long... xs) {
        long s = 0;
        for (Long x : xs) {
            if (x == null) {
                return null;
            }
            try {
                s = Math.addExact(s, x);
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return s;
    }

    static Long product(Long... xs) {
        long p = 1;
        for (Long x : xs) {
            if (x == null) {
                return null;
            }
            try {
                p = Math.multiplyExact(p, x);
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return p;
    }

    // ---- networks

    Result network(Network n, Map<Parameter, Value> params, Shape input) {
        StringBuilder key = new StringBuilder().append(System.identityHashCode(n)).append('|');
        if (params == null) {
            key.append('-');
        } else {
            for (Map.Entry<Parameter, Value> e : params.entrySet()) {
                key.append(System.identityHashCode(e.getKey())).append('=').append(Value.key(e.getValue())).append(',');
            }
        }
        key.append('|').append(input == null ? "-" : input.toString());
        String k = key.toString();
        Result r = cache.get(k);
        if (r != null) {
            return r;
        }
        running.add(n);
        stack.push(n);
        try {
            NetworkRun run = new NetworkRun(this, n, params, input);
            ModelReport report = run.run();
            r = new Result(report, run.outputVals());
        } finally {
            running.remove(n);
            stack.pop();
        }
        cache.put(k, r);
        return r;
    }

    /** Errors of a bound run that the standalone run of the same network does not have. */
    List<Problem> newErrors(Network n, Result bound) {
        Set<String> standalone = new HashSet<>();
        for (Problem p : network(n, null, null).report().problems()) {
            standalone.add(System.identityHashCode(p.object()) + p.code());
        }
        List<Problem> out = new ArrayList<>();
        for (Problem p : bound.report().problems()) {
            if (p.isError() && !standalone.contains(System.identityHashCode(p.object()) + p.code())) {
                out.add(p);
            }
        }
        return out;
    }

    // ---- properties of composites and trainings

    private static Map<String, Property> properties(List<Property> props, List<PropertySpec> specs, Element owner, String block,
            Reporter rep, Map<String, String> suggestions) {
        Map<String, Property> out = new LinkedHashMap<>();
        List<String> keys = specs.stream().map(PropertySpec::key).toList();
        for (Property p : props) {
            if (p == null || p.getKey() == null) {
                continue;
            }
            PropertySpec spec = specs.stream().filter(s -> s.key().equals(p.getKey())).findFirst().orElse(null);
            if (spec == null) {
                String near = Catalog.closest(p.getKey(), keys);
                rep.error(IssueCodes.UNKNOWN_PROPERTY, "A " + block + " has no key '" + p.getKey() + "'"
                        + (near != null ? ": did you mean " + near + "?" : ": it takes " + String.join(", ", keys)),
                        p, P.getProperty_Key(), p.getKey(), near == null ? "" : near);
                continue;
            }
            if (out.containsKey(p.getKey())) {
                rep.error(IssueCodes.DUPLICATE_PROPERTY, p.getKey() + " is given twice: remove one", p, P.getProperty_Key(), p.getKey());
                continue;
            }
            if (!spec.multiple() && p.getValues().size() > 1) {
                rep.error(IssueCodes.WRONG_PROPERTY_VALUE, p.getKey() + " takes one value: remove the others", p.getValues().get(1),
                        null, p.getKey(), "one value");
            }
            if (p.getValues().isEmpty()) {
                continue;
            }
            out.put(p.getKey(), p);
        }
        for (PropertySpec s : specs) {
            if (s.required() && !out.containsKey(s.key())) {
                String sug = suggestions.getOrDefault(s.key(), "");
                rep.error(IssueCodes.MISSING_PROPERTY, (owner.getName() == null ? "This " + block : owner.getName()) + " needs "
                        + s.key() + " (" + s.doc() + "): add " + s.key() + ": " + (sug.isEmpty() ? "..." : sug), owner,
                        P.getSymbol_Name(), s.key(), sug);
            }
        }
        return out;
    }

    private static Expression value(Property p) {
        return p == null || p.getValues().isEmpty() ? null : p.getValues().get(0);
    }

    /** A member network named by a property, or null (reported when it is something else). */
    private Network member(Property p, String role, Evaluator ev, Reporter rep) {
        Expression x = value(p);
        if (x == null) {
            return null;
        }
        Value v = ev.eval(x);
        if (v instanceof Value.Decl d && d.element() instanceof Network n) {
            int outs = 0;
            for (Output o : n.getOutputs()) {
                outs += o == null ? 0 : o.getNodes().size();
            }
            if (n.getInputs().size() != 1 || outs != 1) {
                rep.error(IssueCodes.NETWORK_NOT_SINGLE_IO, "The " + role + " " + n.getName() + " has " + n.getInputs().size()
                        + " input(s) and " + outs + " output(s): a " + role + " needs exactly one of each", x, null,
                        String.valueOf(n.getName()));
                return null;
            }
            return n;
        }
        if (!(v instanceof Value.Unknown)) {
            rep.error(IssueCodes.WRONG_PROPERTY_VALUE, "The " + role + " is a network, not " + Value.describe(v)
                    + ": name a network", x, null, role, "network");
        }
        return null;
    }

    private Map<Parameter, Value> memberArgs(Property p, Network n, Evaluator ev, Reporter rep) {
        if (n.getParameters().isEmpty() && !(value(p) instanceof SymbolRef r && !r.getArgs().isEmpty())) {
            return null;
        }
        SymbolRef r = (SymbolRef) value(p);
        return NetworkRun.bindNetworkArgs(ev, rep, r.getArgs(), n, r, P.getSymbolRef_Target());
    }

    /** Runs a member, binding its input to {@code given} when its declared input is not fully known. */
    private Result runMember(Network n, Map<Parameter, Value> args, Shape given, Property at, Reporter rep) {
        Result standalone = network(n, args, null);
        Shape declared = standalone.report().inputs().isEmpty() ? Shape.UNKNOWN : standalone.report().inputs().get(0).shape();
        if (given == null || declared.isFullyKnown() || !given.isRankKnown() || ShapeMath.merge(declared, given) == null) {
            return standalone;
        }
        Result bound = network(n, args, given);
        for (Problem p : newErrors(n, bound)) {
            rep.error(IssueCodes.NETWORK_STEP_FAILS, n.getName() + " fails on " + given + ": " + p.message(), value(at), null,
                    String.valueOf(n.getName()), p.code());
        }
        return bound;
    }

    private static Shape inShape(Result r) {
        return r == null || r.report().inputs().isEmpty() ? Shape.UNKNOWN : r.report().inputs().get(0).shape();
    }

    private static Val out(Result r) {
        return r == null || r.outputs().isEmpty() ? Val.UNKNOWN : r.outputs().get(0);
    }

    private static NodeReport memberNode(String role, Network n, Result r, EObject source, List<String> inputs) {
        return new NodeReport(role, false, n.getName(), out(r).shape(), r.report().trainable(), r.report().total(), source, inputs,
                r.report().nodes());
    }

    // ---- autoencoders

    Result autoencoder(Autoencoder ae) {
        Reporter rep = new Reporter(ae);
        Evaluator ev = new Evaluator(rep, null);
        Map<String, Property> props = properties(ae.getProperties(), Catalog.autoencoderKeys(), ae, "autoencoder", rep, Map.of());
        Network enc = member(props.get("encoder"), "encoder", ev, rep);
        Network dec = member(props.get("decoder"), "decoder", ev, rep);
        String kind = "plain";
        Property kindProp = props.get("kind");
        if (kindProp != null) {
            Value v = ev.eval(value(kindProp));
            if (v instanceof Value.Sym s && Catalog.isA(s.name(), Category.AUTOENCODER_KIND)) {
                kind = s.name();
                ev.checkCall(s, Category.AUTOENCODER_KIND);
            } else if (!(v instanceof Value.Unknown)) {
                rep.error(IssueCodes.WRONG_PROPERTY_VALUE, "kind is plain, denoising(noise: 0.3) or variational, not "
                        + Value.describe(v), value(kindProp), null, "kind", Category.AUTOENCODER_KIND.id());
            } else {
                kind = null;
            }
        }
        Result er = enc == null ? null : runMember(enc, memberArgs(props.get("encoder"), enc, ev, rep), null, props.get("encoder"), rep);
        Val code = out(er);
        List<NodeReport> nodes = new ArrayList<>();
        List<MemberReport> members = new ArrayList<>();
        NodeReport gaussian = null;
        if (er != null) {
            nodes.add(memberNode("encoder", enc, er, value(props.get("encoder")), List.of()));
            members.add(new MemberReport("encoder", enc.getName(), er.report().trainable(), er.report().total(), er.report()));
        }
        Result dr = null;
        if (dec != null) {
            Map<Parameter, Value> args = memberArgs(props.get("decoder"), dec, ev, rep);
            Shape decIn = inShape(network(dec, args, null));
            Shape codeForDecoder = code.shape();
            if ("variational".equals(kind)) {
                Shape c = code.shape();
                Long f = null;
                if (c.isRankKnown() && c.rank() != 1) {
                    rep.error(IssueCodes.WRONG_RANK, "A variational autoencoder needs a flat code [f] from its encoder, but "
                            + enc.getName() + " gives " + c + ": end the encoder with flatten() or dense", value(kindProp), null,
                            "1", Integer.toString(c.rank()));
                } else if (c.isRankKnown()) {
                    f = c.size(0);
                }
                Long latent = null;
                if (decIn.isRankKnown() && decIn.rank() != 1) {
                    rep.error(IssueCodes.DECODER_INPUT_MISMATCH, "A variational decoder takes a flat latent code [n], but "
                            + dec.getName() + " takes " + decIn + ": give it an input like [2]", value(props.get("decoder")), null,
                            "[?]", decIn.toString());
                } else {
                    latent = decIn.size(0);
                }
                Long n = product(2L, sum(product(f, latent), latent));
                codeForDecoder = Shape.of(List.of(ShapeMath.dim(latent)));
                gaussian = new NodeReport("gaussian", false, "gaussian", codeForDecoder, n, n, kindProp == null ? ae : value(kindProp),
                        er == null ? List.of() : List.of("encoder"), List.of());
                nodes.add(gaussian);
            } else if (ShapeMath.merge(decIn, code.shape()) == null) {
                rep.error(IssueCodes.DECODER_INPUT_MISMATCH, "The decoder " + dec.getName() + " takes " + decIn + " but the encoder "
                        + enc.getName() + " gives a code of " + code.shape() + ": make the decoder's input " + code.shape(),
                        value(props.get("decoder")), null, code.shape().toString(), decIn.toString());
                codeForDecoder = null;
            }
            dr = runMember(dec, args, codeForDecoder, props.get("decoder"), rep);
            nodes.add(memberNode("decoder", dec, dr, value(props.get("decoder")),
                    gaussian != null ? List.of("gaussian") : er != null ? List.of("encoder") : List.of()));
            members.add(new MemberReport("decoder", dec.getName(), dr.report().trainable(), dr.report().total(), dr.report()));
            Shape encIn = inShape(er);
            Shape decOut = out(dr).shape();
            if (er != null && ShapeMath.merge(encIn, decOut) == null) {
                rep.error(IssueCodes.AUTOENCODER_ROUND_TRIP, "The decoder " + dec.getName() + " gives " + decOut + " but the encoder "
                        + enc.getName() + " takes " + encIn + ": an autoencoder's decoder must give back the encoder's input shape",
                        value(props.get("decoder")), null, encIn.toString(), decOut.toString());
            }
        }
        Long trainable = er == null || dr == null ? null
                : sum(er.report().trainable(), dr.report().trainable(), gaussian == null ? Long.valueOf(0) : gaussian.trainable());
        Long total = er == null || dr == null ? null
                : sum(er.report().total(), dr.report().total(), gaussian == null ? Long.valueOf(0) : gaussian.total());
        ModelReport report = new ModelReport(qualifiedName(ae), ModelKind.AUTOENCODER, ae,
                er == null ? List.of() : er.report().inputs(), dr == null ? List.of() : dr.report().outputs(), nodes, members,
                gaussian, trainable, total, rep.problems());
        return new Result(report, dr == null ? List.of() : dr.outputs());
    }

    // ---- GANs

    Result gan(Gan g) {
        Reporter rep = new Reporter(g);
        Evaluator ev = new Evaluator(rep, null);
        Map<String, String> sug = new HashMap<>();
        Network gen0 = null;
        for (Property p : g.getProperties()) {
            if (p != null && "generator".equals(p.getKey()) && value(p) instanceof SymbolRef r && r.getTarget() instanceof Network n
                    && !n.getInputs().isEmpty() && n.getInputs().get(0) != null) {
                gen0 = n;
            }
        }
        if (gen0 != null) {
            sug.put("noise", "normal(" + new Evaluator(new Reporter(null), null).shape(gen0.getInputs().get(0).getShape()) + ")");
        } else {
            sug.put("noise", "normal([100])");
        }
        Map<String, Property> props = properties(g.getProperties(), Catalog.ganKeys(), g, "gan", rep, sug);
        Network gen = member(props.get("generator"), "generator", ev, rep);
        Network disc = member(props.get("discriminator"), "discriminator", ev, rep);
        Shape noise = null;
        Property noiseProp = props.get("noise");
        if (noiseProp != null) {
            Value v = ev.eval(value(noiseProp));
            if (v instanceof Value.Sym s && Catalog.isA(s.name(), Category.NOISE)) {
                Evaluator.Bound b = ev.checkCall(s, Category.NOISE);
                if (b != null && b.get("shape") instanceof Value.ShapeValue sv) {
                    noise = sv.shape();
                }
            } else if (!(v instanceof Value.Unknown)) {
                rep.error(IssueCodes.WRONG_PROPERTY_VALUE, "noise is normal([n]) or uniform([n]), not " + Value.describe(v),
                        value(noiseProp), null, "noise", Category.NOISE.id());
            }
        }
        List<NodeReport> nodes = new ArrayList<>();
        List<MemberReport> members = new ArrayList<>();
        Result gr = null;
        if (gen != null) {
            gr = runMember(gen, memberArgs(props.get("generator"), gen, ev, rep), noise, props.get("generator"), rep);
            Shape gin = inShape(gr);
            if (noise != null && ShapeMath.merge(gin, noise) == null) {
                rep.error(IssueCodes.GENERATOR_INPUT_MISMATCH, "The generator " + gen.getName() + " takes " + gin + " but the noise is "
                        + noise + ": make the noise " + gin, value(noiseProp), null, gin.toString(), noise.toString());
            }
            nodes.add(memberNode("generator", gen, gr, value(props.get("generator")), List.of()));
            members.add(new MemberReport("generator", gen.getName(), gr.report().trainable(), gr.report().total(), gr.report()));
        }
        Result dr = null;
        if (disc != null) {
            Shape sample = out(gr).shape();
            dr = runMember(disc, memberArgs(props.get("discriminator"), disc, ev, rep), sample, props.get("discriminator"), rep);
            Shape din = inShape(dr);
            if (gr != null && ShapeMath.merge(din, sample) == null) {
                rep.error(IssueCodes.GAN_SHAPE_MISMATCH, "The generator " + gen.getName() + " gives " + sample + " but the discriminator "
                        + disc.getName() + " takes " + din + ": make them agree", value(props.get("discriminator")), null,
                        sample.toString(), din.toString());
            }
            Shape dout = out(dr).shape();
            if (dout.isRankKnown() && (dout.rank() != 1 || (dout.size(0) != null && dout.size(0) != 1L))) {
                rep.error(IssueCodes.DISCRIMINATOR_OUTPUT, "The discriminator " + disc.getName() + " must end in one value [1] but gives "
                        + dout + ": end it with dense(1, activation: sigmoid)", value(props.get("discriminator")), null,
                        dout.toString());
            }
            nodes.add(memberNode("discriminator", disc, dr, value(props.get("discriminator")),
                    gr != null ? List.of("generator") : List.of()));
            members.add(new MemberReport("discriminator", disc.getName(), dr.report().trainable(), dr.report().total(), dr.report()));
        }
        Long trainable = gr == null || dr == null ? null : sum(gr.report().trainable(), dr.report().trainable());
        Long total = gr == null || dr == null ? null : sum(gr.report().total(), dr.report().total());
        ModelReport report = new ModelReport(qualifiedName(g), ModelKind.GAN, g, gr == null ? List.of() : gr.report().inputs(),
                dr == null ? List.of() : dr.report().outputs(), nodes, members, null, trainable, total, rep.problems());
        return new Result(report, dr == null ? List.of() : dr.outputs());
    }

    // ---- datasets

    /** What a data expression gives; null when it is not known (unresolved) or not data (reported). */
    DataReport data(Expression x, String key, Evaluator ev, Reporter rep, Set<Dataset> visiting) {
        if (x == null) {
            return null;
        }
        Value v = ev.eval(x);
        if (v instanceof Value.Decl d && d.element() instanceof Dataset ds) {
            if (!visiting.add(ds)) {
                cycle = true;
                rep.error(IssueCodes.DATASET_CYCLE, "The dataset " + ds.getName() + " is defined in terms of itself: give it a source",
                        x, null, String.valueOf(ds.getName()));
                return null;
            }
            try {
                CatalogEntry options = new CatalogEntry(ds.getName() == null ? "dataset" : ds.getName(), Category.SOURCE,
                        DATASET_OPTIONS.doc(), DATASET_OPTIONS.args());
                ev.bind(d.ref().getArgs(), options, d.ref(), P.getSymbolRef_Target(), false);
                // problems inside the other dataset are dropped by the reporter (they belong to its own check)
                DataReport r = data(ds.getSource(), "source", ev, rep, visiting);
                if (cycle) {
                    rep.error(IssueCodes.DATASET_CYCLE, "The datasets lead back to themselves through " + ds.getName()
                            + ": give one of them a source such as mnist", x, null, String.valueOf(ds.getName()));
                }
                return r == null ? null : new DataReport(r.sourceName(), r.fields(), r.known(), x);
            } finally {
                visiting.remove(ds);
            }
        }
        if (v instanceof Value.Sym s && Catalog.isA(s.name(), Category.SOURCE)) {
            Evaluator.Bound b = ev.checkCall(s, Category.SOURCE);
            if (b != null) {
                checkFiles(s.name(), b, x, rep);
            }
            return source(s.name(), b, x);
        }
        if (!(v instanceof Value.Unknown)) {
            rep.error(IssueCodes.WRONG_PROPERTY_VALUE, key + " takes a dataset or a source like mnist(split: train), not "
                    + Value.describe(v), x, null, key, Category.SOURCE.id());
        }
        return null;
    }

    private static DataReport source(String name, Evaluator.Bound b, EObject x) {
        switch (name) {
            case "mnist", "fashion_mnist":
                return new DataReport(name, List.of(new DataField("image", Shape.of(1, 28, 28), null, false),
                        new DataField("label", Shape.of(), 10L, true)), true, x);
            case "moby_dick": {
                Long w = b == null ? null : b.integer("window", null);
                List<Shape.Dimension> d = List.of(ShapeMath.dim(w));
                return new DataReport(name, List.of(new DataField("text", Shape.tokens(d, 128L), null, false),
                        new DataField("next", Shape.tokens(d, 128L), 128L, true)), true, x);
            }
            case "reverse": {
                Long vocab = b == null ? null : b.integer("vocab", null);
                List<Shape.Dimension> d = List.of(ShapeMath.dim(b == null ? null : b.integer("length", null)));
                return new DataReport(name, List.of(new DataField("source", Shape.tokens(d, vocab), null, false),
                        new DataField("target_in", Shape.tokens(d, vocab), null, false),
                        new DataField("target", Shape.tokens(d, vocab), vocab, true)), true, x);
            }
            default:
                return new DataReport(name, List.of(), false, x);
        }
    }

    private static void checkFiles(String source, Evaluator.Bound b, EObject x, Reporter rep) {
        Resource res = x.eResource();
        URI uri = res == null ? null : res.getURI();
        if (uri == null || !uri.isFile() || !"file".equals(uri.scheme())) {
            return;
        }
        File dir = new File(uri.toFileString()).getAbsoluteFile().getParentFile();
        for (String arg : new String[] {"path", "images", "labels", "folder"}) {
            if (b.get(arg) instanceof Value.Str s && !s.value().isEmpty()) {
                File f = new File(s.value());
                if (!f.isAbsolute()) {
                    f = new File(dir, s.value());
                }
                if (!f.exists()) {
                    rep.error(IssueCodes.DATA_NOT_FOUND, source + ": \"" + s.value() + "\" was not found; looked for " + f.getPath()
                            + " (paths are relative to the .nnet file): fix the path", b.sources.get(arg).getValue(), null,
                            s.value(), f.getPath());
                }
            }
        }
    }

    DatasetReport dataset(Dataset ds) {
        Reporter rep = new Reporter(ds);
        Set<Dataset> visiting = Collections.newSetFromMap(new IdentityHashMap<>());
        visiting.add(ds);
        DataReport r = data(ds.getSource(), "source", new Evaluator(rep, null), rep, visiting);
        return new DatasetReport(ds, r, rep.problems());
    }

    // ---- trainings

    TrainingReport training(Training t) {
        Reporter rep = new Reporter(t);
        Evaluator ev = new Evaluator(rep, null);
        Map<String, String> sug = Map.of("model", "", "data", "mnist(split: train)");
        Map<String, Property> props = properties(t.getProperties(), Catalog.trainingKeys(), t, "training", rep, sug);

        Result model = null;
        Network network = null;
        Property modelProp = props.get("model");
        if (modelProp != null) {
            Value v = ev.eval(value(modelProp));
            if (v instanceof Value.Decl d && d.element() instanceof Network n) {
                Map<Parameter, Value> args = n.getParameters().isEmpty() && d.ref().getArgs().isEmpty() ? null
                        : NetworkRun.bindNetworkArgs(ev, rep, d.ref().getArgs(), n, d.ref(), P.getSymbolRef_Target());
                model = network(n, args, null);
                network = n;
            } else if (v instanceof Value.Decl d && d.element() instanceof Autoencoder a) {
                model = autoencoder(a);
            } else if (v instanceof Value.Decl d && d.element() instanceof Gan g) {
                model = gan(g);
            } else if (!(v instanceof Value.Unknown)) {
                rep.error(IssueCodes.WRONG_PROPERTY_VALUE, "model takes a network, an autoencoder or a gan, not " + Value.describe(v)
                        + ": name one", value(modelProp), null, "model", "network, autoencoder or gan");
            }
        }
        ModelKind kind = model == null ? null : model.report().kind();

        DataReport data = null;
        if (props.get("data") != null) {
            data = data(value(props.get("data")), "data", ev, rep, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        Property val = props.get("validation");
        if (val != null) {
            Value v = ev.eval(value(val));
            if (v instanceof Value.Sym s && "split".equals(s.name())) {
                ev.checkCall(s, Category.SPLIT);
            } else {
                data(value(val), "validation", ev, rep, Collections.newSetFromMap(new IdentityHashMap<>()));
            }
        }
        builtinProperty(props.get("loss"), Category.LOSS, ev, rep);
        builtinProperty(props.get("optimizer"), Category.OPTIMIZER, ev, rep);
        builtinProperty(props.get("regularization"), Category.REGULARIZER, ev, rep);
        builtinProperty(props.get("early_stopping"), Category.STOPPING, ev, rep);
        Property metrics = props.get("metrics");
        if (metrics != null) {
            for (Expression x : metrics.getValues()) {
                builtinValue(x, "metrics", Category.METRIC, ev, rep);
            }
        }
        Long batch = TrainingReport.DEFAULT_BATCH;
        for (String k : new String[] {"batch", "epochs", "discriminator_steps", "seed"}) {
            Property p = props.get(k);
            if (p == null) {
                continue;
            }
            Value v = ev.eval(value(p));
            long min = "seed".equals(k) ? 0 : 1;
            if ("batch".equals(k)) {
                batch = v instanceof Value.Int i && i.value() >= min ? Long.valueOf(i.value()) : null;
            }
            if (!(v instanceof Value.Unknown) && !(v instanceof Value.Int i && i.value() >= min)) {
                rep.error(IssueCodes.NOT_POSITIVE_INTEGER, k + " is " + (min == 0 ? "an integer of at least 0" : "a positive integer")
                        + ", not " + Value.describe(v), value(p), null, k);
            }
        }
        Property ds = props.get("discriminator_steps");
        if (ds != null && kind != null && kind != ModelKind.GAN) {
            rep.error(IssueCodes.GAN_ONLY, "discriminator_steps applies to a gan, and this model is " + (kind == ModelKind.NETWORK
                    ? "a network" : "an autoencoder") + ": remove it", ds, P.getProperty_Key(), "discriminator_steps");
        }

        String loss = null;
        Property lossProp = props.get("loss");
        if (lossProp != null && ev.eval(value(lossProp)) instanceof Value.Sym s && Catalog.isA(s.name(), Category.LOSS)) {
            loss = s.name();
        }
        if (model != null) {
            loss = fit(model, network, kind, data, loss, lossProp, props, rep);
        }
        String optimizer = TrainingReport.DEFAULT_OPTIMIZER;
        Property optimizerProp = props.get("optimizer");
        if (optimizerProp != null) {
            optimizer = ev.eval(value(optimizerProp)) instanceof Value.Sym s && Catalog.isA(s.name(), Category.OPTIMIZER) ? s.name()
                    : null;
        }
        return new TrainingReport(t, model == null ? null : model.report(), data, loss, batch, optimizer, rep.problems());
    }

    private static void builtinProperty(Property p, Category c, Evaluator ev, Reporter rep) {
        if (p != null) {
            builtinValue(value(p), p.getKey(), c, ev, rep);
        }
    }

    private static void builtinValue(Expression x, String key, Category c, Evaluator ev, Reporter rep) {
        Value v = ev.eval(x);
        if (v instanceof Value.Sym s && Catalog.isA(s.name(), c)) {
            ev.checkCall(s, c);
            return;
        }
        if (v instanceof Value.Unknown) {
            return;
        }
        rep.error(IssueCodes.WRONG_PROPERTY_VALUE, key + " takes " + c.withArticle() + " (" + String.join(", ", Catalog.names(c))
                + "), not " + Value.describe(v), x, null, key, c.id());
    }

    /** Checks that data and loss fit the model; returns the loss used. */
    private String fit(Result model, Network network, ModelKind kind, DataReport data, String given, Property lossProp,
            Map<String, Property> props, Reporter rep) {
        ModelReport m = model.report();
        EObject dataAt = value(props.get("data"));
        EObject lossAt = lossProp != null ? value(lossProp) : value(props.get("model"));
        boolean known = data != null && data.known();
        // inputs
        List<Port> ins = new ArrayList<>(m.inputs());
        if (kind == ModelKind.GAN) {
            // real samples go where the generator's samples go: the discriminator's input
            NodeReport gen = m.node("generator");
            ins = List.of(new Port("sample", gen == null ? Shape.UNKNOWN : gen.shape(), null));
        }
        if (known) {
            List<DataField> fields = data.inputs();
            boolean byName = kind == ModelKind.NETWORK && !ins.isEmpty();
            for (Port p : ins) {
                byName &= fields.stream().anyMatch(f -> f.name().equals(p.name()));
            }
            for (int i = 0; i < ins.size(); i++) {
                Port p = ins.get(i);
                DataField f = null;
                if (byName) {
                    for (DataField x : fields) {
                        if (x.name().equals(p.name())) {
                            f = x;
                        }
                    }
                } else if (i < fields.size()) {
                    f = fields.get(i);
                }
                if (f == null) {
                    rep.error(IssueCodes.DATA_DOES_NOT_FIT, m.element() instanceof Element e ? e.getName() + " has " + ins.size()
                            + " inputs but " + data.sourceName() + " gives " + fields.size() + " input field(s) ("
                            + String.join(", ", fields.stream().map(DataField::name).toList()) + "): use data that fits" : "",
                            dataAt, null, "", "", String.valueOf(p.name()), p.shape().toString());
                    break;
                }
                if (!ShapeMath.fits(p.shape(), f.shape())) {
                    rep.error(IssueCodes.DATA_DOES_NOT_FIT, "The field " + f.name() + " " + f.shape() + " of " + data.sourceName()
                            + " does not fit the input " + p.name() + " " + p.shape() + ": change the input's shape to " + f.shape()
                            + " or use other data", dataAt, null, f.name(), f.shape().toString(), String.valueOf(p.name()),
                            p.shape().toString());
                }
            }
        }
        // loss
        Val out = model.outputs().size() == 1 ? model.outputs().get(0) : null;
        DataField target = known && !data.targets().isEmpty() ? data.targets().get(0) : null;
        String loss = given;
        if (kind == ModelKind.GAN) {
            if (given != null && !"binary_cross_entropy".equals(given)) {
                rep.error(IssueCodes.LOSS_DOES_NOT_FIT, "A gan trains with the non-saturating binary_cross_entropy loss, not " + given
                        + ": remove the loss or use binary_cross_entropy", lossAt, null, "binary_cross_entropy");
            }
            return "binary_cross_entropy";
        }
        if (loss == null) {
            loss = kind == ModelKind.NETWORK && target != null && target.classes() != null ? "cross_entropy" : "mse";
        }
        if (out == null) {
            return loss;
        }
        String act = out.activation();
        String outName = m.outputs().isEmpty() ? "the output" : m.outputs().get(m.outputs().size() - 1).name();
        switch (loss) {
            case "cross_entropy":
                if (kind == ModelKind.AUTOENCODER) {
                    rep.error(IssueCodes.LOSS_DOES_NOT_FIT, "cross_entropy compares class labels, and an autoencoder reconstructs its input: "
                            + "use mse or binary_cross_entropy", lossAt, null, "mse");
                    break;
                }
                if (target != null && target.classes() == null) {
                    rep.error(IssueCodes.LOSS_DOES_NOT_FIT, "cross_entropy needs class labels, but the targets of " + data.sourceName()
                            + " are values " + target.shape() + ": use mse", lossAt, null, "mse");
                    break;
                }
                if (act != null && !"softmax".equals(act)) {
                    rep.error(IssueCodes.LOSS_DOES_NOT_FIT, "cross_entropy needs class probabilities, but " + outName + " ends in " + act
                            + ": use activation: softmax on the last layer", lossAt, null, "");
                }
                if (target != null && out.shape().isRankKnown()) {
                    List<Shape.Dimension> dims = new ArrayList<>(target.shape().dims());
                    dims.add(ShapeMath.dim(target.classes()));
                    Shape expected = Shape.of(dims);
                    if (ShapeMath.merge(expected, out.shape().withoutTokens()) == null) {
                        rep.error(IssueCodes.LOSS_DOES_NOT_FIT, "cross_entropy compares " + outName + " " + out.shape() + " with "
                                + target.classes() + " classes" + (target.shape().rank() > 0 ? " per step" : "") + ", which needs "
                                + expected + ": end the network in dense(" + target.classes() + ", activation: softmax)",
                                lossAt, null, "");
                    }
                }
                break;
            case "binary_cross_entropy":
                if (act != null && !"sigmoid".equals(act)) {
                    rep.error(IssueCodes.LOSS_DOES_NOT_FIT, "binary_cross_entropy needs outputs in (0, 1), but " + outName + " ends in "
                            + act + ": use activation: sigmoid on the last layer" + ("softmax".equals(act) ? ", or the loss cross_entropy" : ""),
                            lossAt, null, "softmax".equals(act) ? "cross_entropy" : "");
                }
                break;
            default:
                break;
        }
        return loss;
    }

}
