package org.nnet.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.catalog.Category;
import org.nnet.core.inference.DataField;
import org.nnet.core.inference.DataReport;
import org.nnet.core.inference.MemberReport;
import org.nnet.core.inference.ModelKind;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.Port;
import org.nnet.core.inference.ShapeInference;
import org.nnet.core.inference.TrainingReport;
import org.nnet.core.shape.Shape;
import org.nnet.model.Autoencoder;
import org.nnet.model.Dataset;
import org.nnet.model.Expression;
import org.nnet.model.Gan;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.Parameter;
import org.nnet.model.Property;
import org.nnet.model.SymbolRef;
import org.nnet.model.Training;

/**
 * Generates the Java training program of one {@code training}: a class named after the training
 * ({@code TrainLeNet5}) in the Java package of the .nnet file's package, with
 * <ul>
 * <li>{@code task(seed)}: the model as a SameDiff graph, one statement per layer with its shape and
 * parameter count in a comment, plus its loss, wrapped in the runtime task of its model kind;</li>
 * <li>{@code options()}: optimizer, batch, epochs, metrics, regularization, early stopping, seed;</li>
 * <li>{@code trainingData(run)} / {@code validationData(run)}: the data sources with their options,
 * fields renamed to the model's input names;</li>
 * <li>{@code main(args)}: the {@link org.nnet.runtime.train.ProgramArguments} options, then training.</li>
 * </ul>
 * Generate only from a model without errors: the generator trusts validation and throws a
 * {@link GeneratorException} for what it cannot write.
 */
public final class TrainingGenerator {

    /** Java names the program itself uses: locals from the user's names must not take them. */
    private static final Set<String> RESERVED = Set.of("net", "seed", "run", "args", "options", "train", "validation", "result",
            "parts", "e", "loss", "target", "SDVariable", "Network", "Activation", "Init", "Dataset", "Sources", "Partition",
            "Optimizer", "Regularization", "Trainer", "TrainingOptions", "TrainingResult", "ProgramArguments", "SupervisedTask",
            "AutoencoderTask", "GanTask", "Task", "DataException", "TrainingException", "System", "String", "Object", "Math",
            "Integer", "Long", "Double", "Boolean", "Override", "Deprecated", "Path", "Class", "Thread", "Runtime");
    private static final String FALLBACK_PACKAGE = "nnet.generated";

    /**
     * Generates the program of a training.
     *
     * @throws GeneratorException when the training has errors or uses what the runtime cannot do yet
     */
    public GeneratedProgram generate(Training training) {
        TrainingReport report = new ShapeInference().checkTraining(training);
        if (report.hasErrors()) {
            throw new GeneratorException("Cannot generate a program from " + training.getName()
                    + ", which has errors: run nnet check and fix them first", training);
        }
        if (report.model() == null) {
            throw new GeneratorException(training.getName() + " has no model", training);
        }
        Program p = new Program(training, report);
        return new GeneratedProgram(training.getName(), p.packageName, p.className, p.write());
    }

    /**
     * The data sources of a training (training data first, then validation data when it is a source of
     * its own) with the model input and output they feed, so that data files can be checked against the
     * model before training. Empty when the training has errors.
     */
    public List<DataUse> dataUses(Training training) {
        TrainingReport report = new ShapeInference().checkTraining(training);
        if (report.hasErrors() || report.model() == null) {
            return List.of();
        }
        return new Program(training, report).dataUses();
    }

    /** The .nnet package of an object's file, or null. */
    static String nnetPackage(EObject o) {
        EObject c = o;
        while (c != null && !(c instanceof Model)) {
            c = c.eContainer();
        }
        return c instanceof Model m ? m.getName() : null;
    }

    /** One program being written. */
    private static final class Program {
        final Training training;
        final TrainingReport report;
        final ModelReport model;
        final Map<String, Property> props = new LinkedHashMap<>();
        final String packageName;
        final String className;
        final Values values = new Values(Map.of());
        final Set<String> imports = new java.util.TreeSet<>();
        /** Graph names of the model's inputs, in order, that data fields are bound to. */
        final List<String> inputNames = new ArrayList<>();
        /** Graph name of the placeholder of the targets (supervised only), and the runtime field it is read from. */
        String targetName;
        String targetField;

        Program(Training training, TrainingReport report) {
            this.training = training;
            this.report = report;
            this.model = report.model();
            for (Property p : training.getProperties()) {
                props.put(p.getKey(), p);
            }
            this.packageName = JavaText.packageName(nnetPackage(training), FALLBACK_PACKAGE);
            String cls = JavaText.identifier(training.getName());
            if (RESERVED.contains(cls) || cls.startsWith("_")) {
                cls = "Training" + cls;
            }
            this.className = Character.toUpperCase(cls.charAt(0)) + cls.substring(1);
        }

        Object value(String key) {
            Property p = props.get(key);
            return p == null || p.getValues().isEmpty() ? null : values.eval(p.getValues().get(0));
        }

        Expression expr(String key) {
            Property p = props.get(key);
            return p == null || p.getValues().isEmpty() ? null : p.getValues().get(0);
        }

        String write() {
            String taskMethod = taskMethod();
            String optionsMethod = optionsMethod();
            String dataMethods = dataMethods();
            String main = mainMethod();
            imports.add("org.nd4j.autodiff.samediff.SDVariable");
            imports.add("org.nnet.runtime.data.DataException");
            imports.add("org.nnet.runtime.data.Dataset");
            imports.add("org.nnet.runtime.graph.Network");
            imports.add("org.nnet.runtime.train.ProgramArguments");
            imports.add("org.nnet.runtime.train.Task");
            imports.add("org.nnet.runtime.train.Trainer");
            imports.add("org.nnet.runtime.train.TrainingException");
            imports.add("org.nnet.runtime.train.TrainingOptions");
            imports.add("org.nnet.runtime.train.TrainingResult");
            StringBuilder b = new StringBuilder();
            b.append("// Generated by NNet Studio from the training ").append(JavaText.comment(training.getName())).append(" of ")
                    .append(JavaText.comment(fileName())).append(": regenerate it rather than edit it.\n");
            b.append("package ").append(packageName).append(";\n\n");
            for (String i : imports) {
                b.append("import ").append(i).append(";\n");
            }
            b.append("\n/**\n");
            b.append(" * Training ").append(JavaText.comment(training.getName())).append(": model ")
                    .append(JavaText.comment(model.qualifiedName())).append(" (").append(model.kind().id()).append("), ")
                    .append(ModelReport.format(model.trainable())).append(" trainable parameters");
            if (model.total() != null && !model.total().equals(model.trainable())) {
                b.append(", ").append(ModelReport.format(model.total())).append(" in all");
            }
            b.append(".\n * <p>\n * Options: --run-dir DIR, --epochs N, --take N, --resume, --metrics-port P, --data-dir DIR.\n */\n");
            b.append("public final class ").append(className).append(" {\n");
            b.append("    /** The training's name in the .nnet file. */\n");
            b.append("    public static final String TRAINING = ").append(JavaText.string(training.getName())).append(";\n\n");
            b.append("    private ").append(className).append("() {\n    }\n\n");
            b.append(taskMethod).append('\n').append(optionsMethod).append('\n').append(dataMethods).append('\n').append(main);
            b.append("}\n");
            return b.toString();
        }

        String fileName() {
            URI uri = training.eResource() == null ? null : training.eResource().getURI();
            return uri == null ? "a .nnet file" : uri.lastSegment();
        }

        /** The folder of the .nnet file, for relative data paths. */
        String dataDir() {
            URI uri = training.eResource() == null ? null : training.eResource().getURI();
            if (uri != null && uri.isFile()) {
                java.io.File f = new java.io.File(uri.toFileString()).getAbsoluteFile().getParentFile();
                return f == null ? "." : f.getPath();
            }
            return ".";
        }

        // ---- the model and its task

        String taskMethod() {
            GraphCode g = new GraphCode(RESERVED);
            StringBuilder doc = new StringBuilder();
            String body = switch (model.kind()) {
                case NETWORK -> supervised(g, doc);
                case AUTOENCODER -> autoencoder(g, doc);
                case GAN -> gan(g, doc);
            };
            imports.add("org.nnet.runtime.graph.Activation");
            if (g.text().contains("Init.")) {
                imports.add("org.nnet.runtime.graph.Init");
            }
            return "    /**\n     * " + doc + "\n     */\n    public static Task task(long seed) {\n        Network net = new Network(seed);\n"
                    + g.text() + body + "    }\n";
        }

        String supervised(GraphCode g, StringBuilder doc) {
            Network network = (Network) model.element();
            Map<Parameter, Object> env = new HashMap<>();
            if (expr("model") instanceof SymbolRef ref && !ref.getArgs().isEmpty()) {
                env.putAll(GraphCode.bindParameters(network, ref.getArgs(), values));
            }
            for (Port in : model.inputs()) {
                g.graphName(in.name());
                inputNames.add(in.name());
            }
            Map<String, String> inputGraphNames = new HashMap<>();
            for (String n : inputNames) {
                inputGraphNames.put(n, n);
            }
            // the user's names are the graph's names: keep the inputs' names free of suffixes
            Map<String, String> vars = networkWithReservedInputs(g, model.nodes(), network, new Values(env), inputGraphNames);
            if (model.outputs().size() != 1) {
                throw new GeneratorException("Cannot generate a program: " + network.getName() + " has " + model.outputs().size()
                        + " outputs, and a training needs exactly one to compare with the targets", network);
            }
            String outName = model.outputs().get(0).name();
            String out = vars.get(outName);
            Shape outShape = model.outputs().get(0).shape();
            DataReport data = report.data();
            DataField target = data != null && data.known() && !data.targets().isEmpty() ? data.targets().get(0) : null;
            targetField = "reverse".equals(sourceName()) ? "target" : "labels";
            targetName = g.graphName(targetField);
            boolean tokens = target != null && target.shape().rank() > 0;
            String loss = report.loss() == null ? "cross_entropy" : report.loss();
            String lossName = JavaText.string(g.graphName("loss"));
            g.blank();
            if (tokens) {
                long[] t = GraphCode.dims(target.shape(), training, "the targets");
                g.line("SDVariable target = net.tokenInput(" + JavaText.string(targetName) + ", " + GraphCode.joinDims(t) + ");",
                        "class indices per step");
            } else {
                long[] o = GraphCode.dims(outShape, network, "the output");
                g.line("SDVariable target = net.input(" + JavaText.string(targetName) + ", " + GraphCode.joinDims(o) + ");",
                        loss.equals("cross_entropy") ? "one-hot class labels" : "targets");
            }
            String lossCall = switch (loss) {
                case "cross_entropy" -> tokens ? "net.sparseCrossEntropy(" : "net.crossEntropy(";
                case "binary_cross_entropy" -> "net.binaryCrossEntropy(";
                default -> "net.meanSquaredError(";
            };
            if (tokens && !"cross_entropy".equals(loss)) {
                throw new GeneratorException("Cannot generate a program: " + loss + " needs targets shaped like the output, but "
                        + "the targets are class indices per step: use cross_entropy", training);
            }
            g.line(lossCall + lossName + ", " + out + ", target);", loss);
            imports.add("org.nnet.runtime.train.SupervisedTask");
            doc.append("Network ").append(JavaText.comment(network.getName())).append(" with its ").append(loss)
                    .append(" loss, trained as a supervised task.");
            return "        return new SupervisedTask(net, " + JavaText.string(outName) + ", " + lossName + ", "
                    + JavaText.string(targetName) + ");\n";
        }

        private Map<String, String> networkWithReservedInputs(GraphCode g, List<NodeReport> nodes, Network network, Values env,
                Map<String, String> inputGraphNames) {
            // inputs were reserved above; release them into the placeholder names by writing the placeholders here
            Map<String, String> existing = new HashMap<>();
            for (NodeReport n : nodes) {
                if ("input".equals(n.kind())) {
                    String v = g.local(n.name());
                    long[] d = GraphCode.dims(n.shape(), n.source(), "the input " + n.name());
                    g.line("SDVariable " + v + " = " + (n.shape().isTokens() ? "net.tokenInput(" : "net.input(")
                            + JavaText.string(inputGraphNames.getOrDefault(n.name(), n.name())) + ", " + GraphCode.joinDims(d) + ");",
                            GraphCode.describe(n.shape(), null));
                    existing.put(n.name(), v);
                }
            }
            Map<String, String> vars = g.network(nodes, network, "", env, existing, Map.of());
            vars.putAll(existing);
            return vars;
        }

        String autoencoder(GraphCode g, StringBuilder doc) {
            Autoencoder ae = (Autoencoder) model.element();
            MemberReport enc = member("encoder"), dec = member("decoder");
            Network encNet = (Network) enc.report().element(), decNet = (Network) dec.report().element();
            NodeReport encNode = model.node("encoder"), decNode = model.node("decoder");
            String field = enc.report().inputs().get(0).name();
            inputNames.add(field);
            g.graphName(field);
            g.line("// encoder: " + JavaText.comment(encNet.getName()) + ", " + ModelReport.format(enc.trainable()) + " parameters");
            Port encIn = enc.report().inputs().get(0);
            String in = g.local(field);
            long[] d = GraphCode.dims(encIn.shape(), encNet, "the encoder's input");
            g.line("SDVariable " + in + " = net.input(" + JavaText.string(field) + ", " + GraphCode.joinDims(d) + ");",
                    GraphCode.describe(encIn.shape(), null));
            Map<String, String> ev = g.network(encNode.children(), encNet, "encoder/", new Values(memberEnv(ae, "encoder", encNet)),
                    Map.of(encIn.name(), in), Map.of());
            String code = GraphCode.output(ev, encNode.children(), encNet);
            String kind = "plain";
            double noise = 0;
            Object k = propertyValue(ae.getProperties(), "kind");
            if (k instanceof Values.Sym s) {
                kind = s.name();
                if ("denoising".equals(kind)) {
                    noise = ((Number) Values.argOrDefault(s.args(), Catalog.entry("denoising", Category.AUTOENCODER_KIND).orElse(null),
                            "noise")).doubleValue();
                }
            }
            if ("variational".equals(kind)) {
                NodeReport gauss = model.gaussian();
                long latent = gauss.shape().size(0);
                g.line("Network.Gaussian gaussian = net.gaussian(" + JavaText.string(g.graphName("gaussian")) + ", " + code + ", "
                        + latent + ");", GraphCode.describe(gauss.shape(), gauss.trainable()));
                code = "gaussian.sample()";
            }
            g.line("// decoder: " + JavaText.comment(decNet.getName()) + ", " + ModelReport.format(dec.trainable()) + " parameters");
            String decInput = decNet.getInputs().get(0).getName();
            Map<String, String> dv = g.network(decNode.children(), decNet, "decoder/", new Values(memberEnv(ae, "decoder", decNet)),
                    Map.of(decInput, code), Map.of());
            String out = GraphCode.output(dv, decNode.children(), decNet);
            String outName = "decoder/" + GraphCode.outputName(decNet);
            String loss = report.loss() == null ? "mse" : report.loss();
            String lossName = JavaText.string(g.graphName("loss"));
            g.blank();
            g.line("SDVariable target = net.input(AutoencoderTask.TARGET, " + GraphCode.joinDims(d) + ");", "the clean input");
            g.line(("binary_cross_entropy".equals(loss) ? "net.binaryCrossEntropy(" : "net.meanSquaredError(") + lossName + ", "
                    + out + ", target);", loss + " of the reconstruction");
            imports.add("org.nnet.runtime.train.AutoencoderTask");
            doc.append("Autoencoder ").append(JavaText.comment(ae.getName())).append(" (").append(kind)
                    .append("): encoder and decoder in one graph, the ").append(loss).append(" loss of the reconstruction")
                    .append("variational".equals(kind) ? " plus the KL term." : ".");
            String f = JavaText.string(field), o = JavaText.string(outName);
            return switch (kind) {
                case "denoising" -> "        return AutoencoderTask.denoising(net, " + f + ", " + o + ", " + lossName + ", "
                        + JavaText.number(noise) + ");\n";
                case "variational" -> "        return AutoencoderTask.variational(net, " + f + ", " + o + ", " + lossName
                        + ", gaussian);\n";
                default -> "        return AutoencoderTask.plain(net, " + f + ", " + o + ", " + lossName + ");\n";
            };
        }

        String gan(GraphCode g, StringBuilder doc) {
            Gan gan = (Gan) model.element();
            MemberReport gen = member("generator"), dis = member("discriminator");
            Network genNet = (Network) gen.report().element(), disNet = (Network) dis.report().element();
            NodeReport genNode = model.node("generator"), disNode = model.node("discriminator");
            String field = dis.report().inputs().get(0).name();
            inputNames.add(field);
            g.graphName(field);
            g.line("// generator: " + JavaText.comment(genNet.getName()) + ", " + ModelReport.format(gen.trainable()) + " parameters");
            Map<String, String> gv = g.network(genNode.children(), genNet, "generator/", new Values(memberEnv(gan, "generator", genNet)),
                    Map.of(), Map.of());
            String sample = GraphCode.output(gv, genNode.children(), genNet);
            String noiseName = "generator/" + genNet.getInputs().get(0).getName();
            String sampleName = "generator/" + GraphCode.outputName(genNet);
            g.line("// discriminator: " + JavaText.comment(disNet.getName()) + ", " + ModelReport.format(dis.trainable())
                    + " parameters; it reads real samples or the generator's");
            Port disIn = dis.report().inputs().get(0);
            long[] d = GraphCode.dims(disIn.shape(), disNet, "the discriminator's input");
            String in = g.local(field);
            g.line("SDVariable " + in + " = GanTask.discriminatorInput(net, net.input(" + JavaText.string(field) + ", "
                    + GraphCode.joinDims(d) + "), " + sample + ");", GraphCode.describe(disIn.shape(), null));
            Map<String, String> dv = g.network(disNode.children(), disNet, "discriminator/",
                    new Values(memberEnv(gan, "discriminator", disNet)), Map.of(disIn.name(), in), Map.of());
            String realName = "discriminator/" + GraphCode.outputName(disNet);
            String noiseKind = "NORMAL";
            Object noise = propertyValue(gan.getProperties(), "noise");
            if (noise instanceof Values.Sym s && "uniform".equals(s.name())) {
                noiseKind = "UNIFORM";
            }
            Object steps = value("discriminator_steps");
            long k = steps instanceof Long l ? l : 1;
            imports.add("org.nnet.runtime.train.GanTask");
            doc.append("GAN ").append(JavaText.comment(gan.getName()))
                    .append(": generator and discriminator in one graph; the task updates one at a time.");
            if (dv.isEmpty()) {
                throw new GeneratorException("The discriminator has no layers", disNet);
            }
            return "        return new GanTask(net, " + JavaText.string(noiseName) + ", " + JavaText.string(sampleName) + ", "
                    + JavaText.string(field) + ", " + JavaText.string(realName) + ", \"generator/\", GanTask.NoiseKind." + noiseKind
                    + ", " + k + ", seed);\n";
        }

        MemberReport member(String role) {
            for (MemberReport m : model.members()) {
                if (role.equals(m.role()) && m.report() != null) {
                    return m;
                }
            }
            throw new GeneratorException("Cannot generate a program: the " + role + " of " + model.qualifiedName() + " is missing",
                    model.element());
        }

        Map<Parameter, Object> memberEnv(EObject composite, String role, Network n) {
            List<Property> ps = composite instanceof Autoencoder a ? a.getProperties() : ((Gan) composite).getProperties();
            for (Property p : ps) {
                if (role.equals(p.getKey()) && !p.getValues().isEmpty() && p.getValues().get(0) instanceof SymbolRef ref) {
                    return GraphCode.bindParameters(n, ref.getArgs(), values);
                }
            }
            return Map.of();
        }

        Object propertyValue(List<Property> ps, String key) {
            for (Property p : ps) {
                if (key.equals(p.getKey()) && !p.getValues().isEmpty()) {
                    return values.eval(p.getValues().get(0));
                }
            }
            return null;
        }

        // ---- options

        String optionsMethod() {
            imports.add("org.nnet.runtime.train.Optimizer");
            StringBuilder b = new StringBuilder();
            b.append("    /** The training's settings. */\n    public static TrainingOptions options() {\n");
            b.append("        return new TrainingOptions()\n");
            b.append("                .optimizer(").append(optimizer()).append(")\n");
            b.append("                .batch(").append(intValue("batch", 32)).append(")\n");
            b.append("                .epochs(").append(intValue("epochs", 1)).append(")\n");
            Property metrics = props.get("metrics");
            if (metrics != null) {
                List<String> names = new ArrayList<>();
                for (Expression x : metrics.getValues()) {
                    if (values.eval(x) instanceof Values.Sym s) {
                        names.add(JavaText.string(s.name()));
                    }
                }
                if (!names.isEmpty()) {
                    b.append("                .metrics(").append(String.join(", ", names)).append(")\n");
                }
            }
            if (value("regularization") instanceof Values.Sym s) {
                imports.add("org.nnet.runtime.train.Regularization");
                Object f = s.args().values().stream().findFirst().orElse(null);
                double v = f instanceof Number n ? n.doubleValue() : 0;
                String method = switch (s.name()) {
                    case "l1" -> "l1";
                    case "l2" -> "l2";
                    default -> "maxNorm";
                };
                b.append("                .regularization(Regularization.").append(method).append('(').append(JavaText.number(v))
                        .append("))\n");
            }
            if (value("early_stopping") instanceof Values.Sym s && s.arg("epochs") instanceof Long n) {
                b.append("                .patience(").append(n).append(")\n");
                if (s.arg("min_delta") instanceof Number d && d.doubleValue() > 0) {
                    b.append("                .minDelta(").append(JavaText.number(d.doubleValue())).append(")\n");
                }
            }
            b.append("                .seed(").append(longValue("seed", 0)).append(");\n    }\n");
            return b.toString();
        }

        int intValue(String key, int dflt) {
            Object v = value(key);
            return v instanceof Long l && l > 0 && l <= Integer.MAX_VALUE ? (int) (long) l : dflt;
        }

        String longValue(String key, long dflt) {
            Object v = value(key);
            return (v instanceof Long l ? l : dflt) + "L";
        }

        String optimizer() {
            Object v = value("optimizer");
            Values.Sym s = v instanceof Values.Sym x ? x : new Values.Sym("adam", Map.of());
            CatalogEntry e = Catalog.entry(s.name(), Category.OPTIMIZER).orElse(Catalog.entry("adam").orElseThrow());
            java.util.function.Function<String, String> num = k -> JavaText.number(((Number) Values.argOrDefault(s.args(), e, k))
                    .doubleValue());
            return switch (e.name()) {
                case "sgd" -> "Optimizer.sgd(" + num.apply("lr") + ", " + num.apply("momentum") + ", "
                        + Boolean.TRUE.equals(Values.argOrDefault(s.args(), e, "nesterov")) + ")";
                case "adagrad" -> "Optimizer.adagrad(" + num.apply("lr") + ")";
                case "rmsprop" -> "Optimizer.rmsprop(" + num.apply("lr") + ", " + num.apply("rho") + ")";
                default -> "Optimizer.adam(" + num.apply("lr") + ", " + num.apply("beta1") + ", " + num.apply("beta2") + ", "
                        + num.apply("epsilon") + ")";
            };
        }

        // ---- data

        /** A source with the options applied to it, innermost first. */
        record Source(String name, Map<String, Object> args, List<Map<String, Object>> options, EObject at) {
        }

        Source resolve(Expression x, String key) {
            Object v = values.eval(x);
            List<Map<String, Object>> options = new ArrayList<>();
            Set<Dataset> seen = new HashSet<>();
            while (v instanceof Values.Decl d && d.element() instanceof Dataset ds && seen.add(ds)) {
                options.add(0, namedArgs(d.ref()));
                v = values.eval(ds.getSource());
                x = ds.getSource();
            }
            if (v instanceof Values.Sym s && Catalog.isA(s.name(), Category.SOURCE)) {
                CatalogEntry e = Catalog.entry(s.name(), Category.SOURCE).orElseThrow();
                Map<String, Object> args = x instanceof SymbolRef ref ? values.bind(ref.getArgs(), e) : s.args();
                options.add(0, args);
                return new Source(s.name(), args, options, x);
            }
            throw new GeneratorException("Cannot generate a program: " + key + " is not a data source", x);
        }

        Map<String, Object> namedArgs(SymbolRef ref) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (var a : ref.getArgs()) {
                if (a.getName() != null) {
                    m.put(a.getName(), values.eval(a.getValue()));
                }
            }
            return m;
        }

        List<DataUse> dataUses() {
            Port input;
            Port output = null;
            switch (model.kind()) {
                case AUTOENCODER -> input = first(member("encoder").report().inputs());
                case GAN -> input = first(member("discriminator").report().inputs());
                default -> {
                    input = first(model.inputs());
                    output = model.outputs().size() == 1 ? model.outputs().get(0) : null;
                }
            }
            List<DataUse> out = new ArrayList<>();
            for (String role : List.of("data", "validation")) {
                Expression x = expr(role);
                if (x == null || values.eval(x) instanceof Values.Sym sp && "split".equals(sp.name())) {
                    continue;
                }
                Source s = resolve(x, role);
                CatalogEntry e = Catalog.entry(s.name(), Category.SOURCE).orElseThrow();
                Map<String, Object> args = new LinkedHashMap<>();
                for (var spec : e.args()) {
                    Object v = Values.argOrDefault(s.args(), e, spec.name());
                    if (v instanceof String || v instanceof Long) {
                        args.put(spec.name(), v);
                    }
                }
                out.add(new DataUse(role, s.name(), args, dataDir(), s.at(), input, output));
            }
            return out;
        }

        private static Port first(List<Port> ports) {
            return ports.isEmpty() ? null : ports.get(0);
        }

        String sourceName() {
            Expression x = expr("data");
            return x == null ? null : resolve(x, "data").name();
        }

        String dataMethods() {
            imports.add("org.nnet.runtime.data.Sources");
            imports.add("org.nnet.runtime.data.Partition");
            StringBuilder b = new StringBuilder();
            Source train = resolve(expr("data"), "data");
            b.append("    /** data: the training data, fields named after the model's inputs. */\n");
            b.append("    public static Dataset trainingData(ProgramArguments run) {\n        return ").append(load(train, "TRAIN"))
                    .append(";\n    }\n");
            Object val = value("validation");
            if (val instanceof Values.Sym s && "split".equals(s.name())) {
                return b.toString();
            }
            if (expr("validation") != null) {
                Source v = resolve(expr("validation"), "validation");
                b.append("\n    /** validation: the held-out data, fields named like the training data's. */\n");
                b.append("    public static Dataset validationData(ProgramArguments run) {\n        return ").append(load(v, "TEST"))
                        .append(";\n    }\n");
            }
            return b.toString();
        }

        String load(Source s, String defaultPartition) {
            String partition = defaultPartition;
            Long take = null;
            boolean normalize = false;
            for (Map<String, Object> o : s.options()) {
                if (o.get("split") instanceof Values.Sym sp) {
                    partition = "test".equals(sp.name()) ? "TEST" : "TRAIN";
                }
                if (o.get("take") instanceof Long t) {
                    take = take == null ? t : Math.min(take, t);
                }
                if (Boolean.TRUE.equals(o.get("normalize"))) {
                    normalize = true;
                }
            }
            Map<String, Object> a = s.args();
            CatalogEntry e = Catalog.entry(s.name(), Category.SOURCE).orElseThrow();
            java.util.function.Function<String, String> str = k -> {
                Object v = Values.argOrDefault(a, e, k);
                return v instanceof String x ? JavaText.string(x) : JavaText.string("label");
            };
            java.util.function.Function<String, String> path = k -> "run.dataPath(" + str.apply(k) + ")";
            java.util.function.Function<String, String> integer = k -> {
                Object v = Values.argOrDefault(a, e, k);
                if (v instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) {
                    return Long.toString(l);
                }
                throw new GeneratorException("Cannot generate a program: " + s.name() + " needs " + k + " as a positive integer", s.at());
            };
            String src = switch (s.name()) {
                case "mnist" -> "Sources.mnist()";
                case "fashion_mnist" -> "Sources.fashionMnist()";
                case "moby_dick" -> "Sources.mobyDick(" + integer.apply("window") + ")";
                case "csv" -> "Sources.csv(" + path.apply("path") + ", " + str.apply("label") + ")";
                case "idx" -> "Sources.idx(" + path.apply("images") + ", " + path.apply("labels") + ")";
                case "text" -> "Sources.text(" + path.apply("path") + ", " + integer.apply("window") + ")";
                case "images" -> "Sources.images(" + path.apply("folder") + ")";
                case "reverse" -> "Sources.reverse(" + integer.apply("vocab") + ", " + integer.apply("length") + ", "
                        + integer.apply("size") + ")";
                default -> throw new GeneratorException("Cannot generate a program: unknown source " + s.name(), s.at());
            };
            StringBuilder b = new StringBuilder(src).append(".load(Partition.").append(partition).append(")");
            if (take != null) {
                b.append(".take(").append(Math.min(take, Integer.MAX_VALUE)).append(")");
            }
            if (normalize) {
                b.append(".normalize()");
            }
            for (String[] r : renames(s.name())) {
                b.append("\n                .rename(").append(JavaText.string(r[0])).append(", ").append(JavaText.string(r[1])).append(")");
            }
            return b.toString();
        }

        /** Renames of the runtime's field names to the model's input names (by name when all match, else by position). */
        List<String[]> renames(String source) {
            List<String> runtimeInputs = "reverse".equals(source) ? List.of("source", "target_in") : List.of("features");
            DataReport data = report.data();
            List<String> coreInputs = data != null && data.known() ? data.inputs().stream().map(DataField::name).toList() : List.of();
            boolean byName = !inputNames.isEmpty() && coreInputs.containsAll(inputNames);
            Map<String, String> moves = new LinkedHashMap<>();
            for (int i = 0; i < inputNames.size(); i++) {
                int j = byName ? coreInputs.indexOf(inputNames.get(i)) : i;
                if (j >= 0 && j < runtimeInputs.size() && !runtimeInputs.get(j).equals(inputNames.get(i))) {
                    moves.put(runtimeInputs.get(j), inputNames.get(i));
                }
            }
            if (targetName != null && !targetName.equals(targetField)) {
                moves.put(targetField, targetName);
            }
            List<String[]> out = new ArrayList<>();
            boolean clash = moves.values().stream().anyMatch(moves::containsKey) || moves.values().stream()
                    .anyMatch(v -> runtimeInputs.contains(v) || v.equals(targetField));
            if (clash) {
                // two steps through names no user can write, so no rename lands on a field still to be moved
                int i = 0;
                for (Map.Entry<String, String> m : moves.entrySet()) {
                    out.add(new String[] {m.getKey(), "nnet tmp " + i++});
                }
                i = 0;
                for (Map.Entry<String, String> m : moves.entrySet()) {
                    out.add(new String[] {"nnet tmp " + i++, m.getValue()});
                }
                return out;
            }
            moves.forEach((k, v) -> out.add(new String[] {k, v}));
            return out;
        }

        // ---- main

        String mainMethod() {
            StringBuilder b = new StringBuilder();
            b.append("    /** Trains; see the class comment for the options. */\n");
            b.append("    public static void main(String[] args) {\n        try {\n");
            b.append("            ProgramArguments run = ProgramArguments.parse(args, ")
                    .append(JavaText.string("runs/" + training.getName())).append(", ").append(JavaText.string(dataDir())).append(");\n");
            b.append("            TrainingOptions options = run.apply(options());\n");
            b.append("            Dataset train = run.takeTraining(trainingData(run));\n");
            Object val = value("validation");
            if (val instanceof Values.Sym s && "split".equals(s.name())) {
                Object f = Values.argOrDefault(s.args(), Catalog.entry("split", Category.SPLIT).orElse(null), "fraction");
                b.append("            Dataset.Split parts = train.split(").append(JavaText.number(((Number) f).doubleValue()))
                        .append(", options.seed());\n");
                b.append("            train = parts.train();\n            Dataset validation = parts.validation();\n");
            } else if (expr("validation") != null) {
                b.append("            Dataset validation = run.takeValidation(validationData(run));\n");
            } else {
                b.append("            Dataset validation = null;\n");
            }
            b.append("            run.announce(train, options);\n");
            b.append("            TrainingResult result = new Trainer(task(options.seed()), options).fit(train, validation);\n");
            b.append("            run.report(result);\n");
            b.append("        } catch (DataException | TrainingException e) {\n");
            b.append("            System.err.println(e.getMessage());\n            System.exit(1);\n        }\n    }\n");
            return b.toString();
        }
    }
}
