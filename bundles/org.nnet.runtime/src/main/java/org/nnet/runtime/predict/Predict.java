package org.nnet.runtime.predict;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.data.DataException;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.data.Sources;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Network;
import org.nnet.runtime.train.Checkpoints;
import org.nnet.runtime.train.ProgramArguments;
import org.nnet.runtime.train.Task;
import org.nnet.runtime.train.TrainingException;
import org.nnet.runtime.train.TrainingOptions;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies a trained model to one sample: the network that a run's generated program builds ({@code task(seed)}),
 * with the parameters of the run's newest checkpoint, evaluated without dropout. Started by {@code nnet predict}
 * in a child JVM with the run's {@code classes/} on the classpath.
 * <p>
 * Usage: {@code Predict --run-dir DIR --program CLASS --data-dir DIR (--image FILE | --values V,V,... | --test N |
 * --generate N --prompt TEXT --temperature T --seed S) [--class-names true]}.
 * Prints one line {@code NNET-PREDICT {json}} on standard output, or one line {@code NNET-ERROR message} on
 * standard error and exits 1.
 */
public final class Predict {
    /** The prefix of the result line. */
    public static final String RESULT = "NNET-PREDICT ";
    /** The prefix of the error line. */
    public static final String ERROR = "NNET-ERROR ";
    private static final Set<String> CLASSIFIER_LOSSES = Set.of("cross_entropy", "sparse_cross_entropy");
    private static final Set<String> LOSSES = Set.of("cross_entropy", "sparse_cross_entropy", "binary_cross_entropy", "mse");

    /** A message for the user, printed as the one error line. */
    static final class PredictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PredictException(String message) {
            super(message);
        }
    }

    private Predict() {
    }

    public static void main(String[] args) {
        try {
            Map<String, String> o = options(args);
            Map<String, Object> result = predict(o);
            System.out.println(RESULT + new ObjectMapper().writeValueAsString(result));
            System.exit(0);
        } catch (PredictException | DataException | TrainingException e) {
            System.err.println(ERROR + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // anything else the model or ND4J throws, still as one line
            System.err.println(ERROR + e);
        }
        System.exit(1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new PredictException("unexpected argument '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    static Map<String, Object> predict(Map<String, String> o) throws IOException {
        Path runDir = Path.of(need(o, "run-dir"));
        Class<?> program;
        try {
            program = Class.forName(need(o, "program"));
        } catch (ClassNotFoundException e) {
            throw new PredictException("the run's compiled program " + o.get("program") + " is not in " + runDir.resolve("classes"));
        }
        TrainingOptions options = (TrainingOptions) call(program, "options", new Class<?>[0]);
        Task task = (Task) call(program, "task", new Class<?>[] {long.class}, options.seed());
        Network net = task.networks().get("model");
        if (net == null || task.networks().size() != 1) {
            throw new PredictException("predict applies to a network trained on inputs and targets; this run trains "
                    + task.networks().keySet());
        }
        Network.Layer loss = net.layers().stream().filter(l -> LOSSES.contains(l.kind())).findFirst()
                .orElseThrow(() -> new PredictException("the run's network has no loss node to find its output by"));
        String output = loss.inputs().get(0);
        String target = loss.inputs().get(1);
        List<Network.Layer> inputs = net.layers().stream()
                .filter(l -> (l.kind().equals("input") || l.kind().equals("token input")) && !l.output().equals(target)).toList();
        if (inputs.size() != 1) {
            throw new PredictException("predict takes models of one input; this one has " + inputs.size());
        }
        String input = inputs.get(0).output();
        long[] shape = net.shape(input);
        // a classifier: trained with a cross-entropy, or its output is a softmax (whatever loss it was trained with)
        Network.Layer last = net.layer(output);
        boolean classifier = CLASSIFIER_LOSSES.contains(loss.kind()) || last != null && last.activation() == Activation.SOFTMAX;

        Path checkpoint = Checkpoints.latest(runDir)
                .orElseThrow(() -> new PredictException(runDir + " has no checkpoint (checkpoints/epoch-NNNN.zip): train it first"));
        restore(checkpoint, net);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checkpoint", checkpoint.getFileName().toString());
        result.put("input", input);
        result.put("shape", shape);
        if (o.containsKey("generate")) {
            if (!inputs.get(0).kind().equals("token input") || shape.length != 1 || !loss.kind().equals("sparse_cross_entropy")) {
                throw new PredictException("--generate needs a next-token model (an input [time] of tokens and a sparse "
                        + "cross-entropy per step); the input " + input + " is " + Arrays.toString(shape));
            }
            result.put("text", generate(net, input, output, (int) shape[0], o.getOrDefault("prompt", ""),
                    Integer.parseInt(o.get("generate")), Double.parseDouble(o.getOrDefault("temperature", "1")),
                    Long.parseLong(o.getOrDefault("seed", "1"))));
            return result;
        }
        ProgramArguments run = ProgramArguments.parse(new String[] {"--run-dir", runDir.toString()}, runDir.toString(),
                need(o, "data-dir"));
        if (classifier && Boolean.parseBoolean(o.get("class-names"))) {
            // the CSV labels' names are numbered when the program reads its training data, as in training
            dataset(program, run, "trainingData");
            List<String> names = org.nnet.runtime.data.ClassNumbering.programNames();
            if (!names.isEmpty()) {
                result.put("classes", names);
            }
        }
        INDArray sample;
        if (o.containsKey("image")) {
            sample = image(Path.of(o.get("image")), input, shape);
        } else if (o.containsKey("values")) {
            sample = values(o.get("values"), input, shape);
        } else if (o.containsKey("test")) {
            int n = Integer.parseInt(o.get("test"));
            Dataset data = dataset(program, run, "validationData");
            String from = "validation";
            if (data == null) {
                data = dataset(program, run, "trainingData");
                from = "training";
            }
            if (n < 1 || n > data.size()) {
                throw new PredictException("--test " + n + " is out of range: the " + from + " data has " + data.size()
                        + " samples (1 to " + data.size() + ")");
            }
            sample = data.field(input).slice(n - 1).dup();
            result.put("from", from + " sample " + n);
            if (data.has(target) && classifier) {
                // a one-hot row [classes], or a class index
                INDArray t = data.field(target).slice(n - 1);
                long[] outShape = net.shape(output);
                if (t.rank() == 1 && outShape.length == 1 && t.length() == outShape[0]) {
                    result.put("label", t.argMax().getLong(0));
                } else if (t.length() == 1) {
                    result.put("label", t.getLong(0));
                }
            }
        } else {
            throw new PredictException("give an image file, a CSV row or --test N");
        }
        boolean tokens = inputs.get(0).kind().equals("token input");
        sample = sample.reshape(withBatch(shape)).castTo(tokens ? org.nd4j.linalg.api.buffer.DataType.INT32 : net.dataType());

        Map<String, INDArray> feeds = new LinkedHashMap<>(net.noiseFeeds(1, false));
        feeds.put(input, sample);
        INDArray out = net.sd().output(feeds, output).get(output);
        double[] values = out.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(out.length()).toDoubleVector();
        result.put("output", output);
        if (classifier && out.rank() == 2) {
            result.put("probabilities", values);
            int best = 0;
            for (int i = 1; i < values.length; i++) {
                if (values[i] > values[best]) {
                    best = i;
                }
            }
            result.put("predicted", best);
        } else {
            result.put("values", values);
        }
        return result;
    }

    /**
     * Samples {@code count} characters after {@code prompt}, one at a time: the window holds the last {@code time}
     * tokens of the text so far, from its start (a shorter text is followed by spaces, which the steps before them
     * do not see in a forward recurrent network), and the next token is drawn from the output at the text's last
     * position, its probabilities raised to 1/temperature and renormalised.
     */
    static String generate(Network net, String input, String output, int time, String prompt, int count, double temperature,
            long seed) {
        if (temperature <= 0) {
            throw new PredictException("--temperature must be above 0, not " + temperature);
        }
        int[] start = Sources.asciiTokens(prompt.isEmpty() ? " " : prompt);
        List<Integer> text = new ArrayList<>();
        for (int t : start) {
            text.add(t);
        }
        java.util.Random random = new java.util.Random(seed);
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < count; k++) {
            int from = Math.max(0, text.size() - time);
            int used = text.size() - from;
            int[] window = new int[time];
            Arrays.fill(window, ' ');
            for (int i = 0; i < used; i++) {
                window[i] = text.get(from + i);
            }
            Map<String, INDArray> feeds = new LinkedHashMap<>(net.noiseFeeds(1, false));
            feeds.put(input, Nd4j.createFromArray(new int[][] {window}));
            INDArray probabilities = net.sd().output(feeds, output).get(output);
            double[] p = probabilities.slice(0).slice(used - 1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.pow(Math.max(p[i], 0), 1 / temperature);
                sum += p[i];
            }
            double u = random.nextDouble() * sum;
            int next = p.length - 1;
            for (int i = 0; i < p.length; i++) {
                u -= p[i];
                if (u < 0) {
                    next = i;
                    break;
                }
            }
            text.add(next);
            out.append((char) next);
        }
        return out.toString();
    }

    private static String need(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new PredictException("--" + key + " is needed");
        }
        return v;
    }

    private static Object call(Class<?> program, String name, Class<?>[] types, Object... args) {
        try {
            Method m = program.getMethod(name, types);
            return m.invoke(null, args);
        } catch (NoSuchMethodException e) {
            throw new PredictException(program.getName() + " has no method " + name + ": generate the run again with this nnet");
        } catch (IllegalAccessException e) {
            throw new PredictException(program.getName() + "." + name + " cannot be called: " + e.getMessage());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new PredictException(program.getName() + "." + name + " failed: " + e.getCause());
        }
    }

    private static Dataset dataset(Class<?> program, ProgramArguments run, String method) {
        try {
            program.getMethod(method, ProgramArguments.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
        return (Dataset) call(program, method, new Class<?>[] {ProgramArguments.class}, run);
    }

    /** Sets every parameter and state variable of the network from the checkpoint's {@code params/model/} entries. */
    static void restore(Path checkpoint, Network net) throws IOException {
        List<String> wanted = new ArrayList<>(net.parameterNames());
        wanted.addAll(net.stateNames());
        Map<String, INDArray> found = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(checkpoint); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                byte[] bytes = zip.readAllBytes();
                if (name.startsWith("params/model/")) {
                    found.put(name.substring("params/model/".length()), Nd4j.read(new ByteArrayInputStream(bytes)));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new PredictException(checkpoint + " cannot be read (" + e.getMessage() + ")");
        }
        for (String p : wanted) {
            INDArray a = found.get(p);
            SDVariable v = net.sd().getVariable(p);
            if (a == null || !Arrays.equals(a.shape(), v.getArr().shape())) {
                throw new PredictException(checkpoint + " does not fit the run's program (parameter " + p
                        + (a == null ? " is missing" : " is " + Arrays.toString(a.shape()) + ", not " + Arrays.toString(v.getArr().shape()))
                        + ")");
            }
            v.getArr().assign(a.castTo(v.getArr().dataType()));
        }
    }

    private static long[] withBatch(long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = 1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static INDArray values(String text, String input, long[] shape) {
        String[] cells = text.trim().split("\\s*[,;\\s]\\s*");
        long expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (cells.length != expected) {
            throw new PredictException("the input " + input + " is " + Arrays.toString(shape) + ": it takes " + expected
                    + " values, not " + cells.length);
        }
        float[] v = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                v[i] = Float.parseFloat(cells[i]);
            } catch (NumberFormatException e) {
                throw new PredictException("value " + (i + 1) + " of the row, '" + cells[i] + "', is not a number");
            }
        }
        return Nd4j.create(v, withBatch(shape));
    }

    /**
     * An image converted as the runtime's image sources read them: grey (1 channel) or RGB (3 channels), resized
     * to the input's height and width, each value a byte over 255.
     */
    static INDArray image(Path file, String input, long[] shape) {
        if (shape.length != 3 || (shape[0] != 1 && shape[0] != 3)) {
            throw new PredictException("the input " + input + " is " + Arrays.toString(shape)
                    + ", not an image [1 or 3, height, width]: give a CSV row instead");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw new PredictException("cannot read " + file + " as an image (PNG, JPEG, GIF or BMP)");
        }
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        BufferedImage scaled = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        float[] out = Sources.pixels(scaled, c);
        return Nd4j.create(out, withBatch(shape));
    }
}
