package org.nnet.runtime.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.graph.Network;

/**
 * A GAN: a generator (noise → sample) and a discriminator (sample → probability of being real,
 * shape [1]) in ONE graph, wired with {@link #discriminatorInput}: the discriminator reads
 * {@code mix·real + (1-mix)·generated}, where {@code mix} is a per-sample 0/1 placeholder the task
 * fills. One graph lets the generator's gradient flow through the discriminator (ND4J 1.0.0-M2.1
 * drops the gradient of a placeholder that feeds a reshape, so two graphs chained by hand do not work).
 *
 * <p>Per data batch the discriminator takes one step on the n real samples and n generated ones
 * (binary cross-entropy, real = 1, generated = 0), updating only its parameters; after every
 * {@code discriminatorSteps} of those the generator takes one step on n new noise vectors with the
 * non-saturating loss {@code -mean log D(G(z))}, updating only its parameters. Parameters whose
 * names start with the generator prefix are the generator's, all others the discriminator's.
 *
 * <p>A fixed noise batch (64 vectors drawn with the seed given here) is pushed through the
 * generator after every epoch; image samples {@code [c, h, w]} are written as an 8×8 PNG grid to
 * {@code samples/epoch-NNN.png} in the run folder.
 */
public final class GanTask implements Task {
    /** Placeholder of the per-sample choice between real (1) and generated (0) samples. */
    public static final String MIX = "gan_mix";
    /** Placeholder of the discriminator's targets. */
    public static final String TARGET = "gan_target";

    /** How noise vectors are drawn. */
    public enum NoiseKind {
        /** standard normal, the language's {@code normal([n])} */
        NORMAL,
        /** uniform in [-1, 1), the language's {@code uniform([n])} */
        UNIFORM
    }

    private final Network net;
    private final String noiseInput, sample, realInput, loss;
    private final String generatorPrefix;
    private final NoiseKind noiseKind;
    private final long[] noiseShape, sampleShape;
    private final int discriminatorSteps;
    private final INDArray fixedNoise;
    private GraphStep gStep, dStep;
    private int dStepsSinceG;
    private double lastGLoss = Double.NaN;

    /**
     * The discriminator's input: {@code mix·real + (1-mix)·generated}; build the discriminator on it.
     *
     * @param net       the GAN's graph
     * @param real      the placeholder of real samples (named like the data field)
     * @param generated the generator's output node
     */
    public static SDVariable discriminatorInput(Network net, SDVariable real, SDVariable generated) {
        long[] s = net.shape(real);
        long[] ones = new long[s.length];
        java.util.Arrays.fill(ones, 1);
        SDVariable mix = net.input(MIX, ones);
        SDVariable mixed = real.mul(mix).add(generated.mul(mix.rsub(1.0)));
        return net.custom("discriminator_input", mixed, s);
    }

    /**
     * @param net                graph with both networks, wired with {@link #discriminatorInput}
     * @param noiseInput         name of the generator's noise placeholder
     * @param sample             name of the generator's output node
     * @param realInput          name of the real-sample placeholder (= the data set field)
     * @param realProbability    name of the discriminator's output node (shape [1])
     * @param generatorPrefix    prefix of the generator's parameter names, e.g. {@code "generator/"}
     * @param noiseKind          distribution of the noise
     * @param discriminatorSteps discriminator steps per generator step, at least 1
     * @param seed               seed of the fixed noise batch for sample grids
     */
    public GanTask(Network net, String noiseInput, String sample, String realInput, String realProbability, String generatorPrefix,
            NoiseKind noiseKind, int discriminatorSteps, long seed) {
        if (discriminatorSteps < 1) {
            throw new TrainingException("discriminator_steps must be at least 1 but is " + discriminatorSteps + ".");
        }
        this.net = net;
        this.noiseInput = noiseInput;
        this.sample = sample;
        this.realInput = realInput;
        this.generatorPrefix = generatorPrefix;
        this.noiseKind = noiseKind;
        this.discriminatorSteps = discriminatorSteps;
        this.noiseShape = net.shape(net.sd().getVariable(noiseInput));
        this.sampleShape = net.shape(net.sd().getVariable(realInput));
        SDVariable target = net.input(TARGET, 1);
        this.loss = net.binaryCrossEntropy("gan_loss", net.sd().getVariable(realProbability), target).name();
        net.sd().setLossVariables(loss);
        this.fixedNoise = draw(64, new java.util.Random(seed));
    }

    /** Noise for {@code n} samples: from the given generator, or from ND4J's (seeded by the trainer) when null. */
    private INDArray draw(long n, java.util.Random rng) {
        long[] s = withBatch(n, noiseShape);
        DataType t = net.dataType();
        if (rng == null) {
            return noiseKind == NoiseKind.NORMAL ? Nd4j.randn(t, s) : Nd4j.rand(t, s).muli(2).subi(1);
        }
        double[] v = new double[Math.toIntExact(org.nd4j.common.util.ArrayUtil.prodLong(s))];
        for (int i = 0; i < v.length; i++) {
            v[i] = noiseKind == NoiseKind.NORMAL ? rng.nextGaussian() : rng.nextDouble() * 2 - 1;
        }
        return Nd4j.create(v, s, DataType.DOUBLE).castTo(t);
    }

    private static long[] withBatch(long n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Override
    public Map<String, Network> networks() {
        return Map.of("gan", net);
    }

    @Override
    public void prepare(Optimizer optimizer, Regularization regularization, Set<String> metrics) {
        System.out.println("Training step: graph (GAN trainings are not compiled yet)");
        List<String> all = net.parameterNames();
        List<String> g = all.stream().filter(p -> p.startsWith(generatorPrefix)).toList();
        List<String> d = all.stream().filter(p -> !p.startsWith(generatorPrefix)).toList();
        if (g.isEmpty() || d.isEmpty()) {
            throw new TrainingException("The GAN needs parameters whose names start with '" + generatorPrefix
                    + "' (generator) and others (discriminator), but has " + g.size() + " and " + d.size() + ".");
        }
        gStep = new GraphStep(net, optimizer.fresh(), regularization, g);
        dStep = new GraphStep(net, optimizer.fresh(), regularization, d);
    }

    @Override
    public Map<String, Optimizer> optimizers() {
        Map<String, Optimizer> m = new LinkedHashMap<>();
        m.put("generator", gStep.optimizer);
        m.put("discriminator", dStep.optimizer);
        return m;
    }

    /** Feeds for 2n discriminator inputs (n real, then n generated) or n generated ones (real = null). */
    private Map<String, INDArray> feeds(INDArray real, long n, boolean training) {
        DataType t = net.dataType();
        Map<String, INDArray> b = new LinkedHashMap<>();
        long[] mixShape = withBatch(real == null ? n : 2 * n, new long[sampleShape.length]);
        java.util.Arrays.fill(mixShape, 1, mixShape.length, 1);
        mixShape[0] = real == null ? n : 2 * n;
        if (real == null) {
            b.put(realInput, Nd4j.zeros(t, withBatch(n, sampleShape)));
            b.put(noiseInput, draw(n, null));
            b.put(MIX, Nd4j.zeros(t, mixShape));
            b.put(TARGET, Nd4j.ones(t, n, 1));
        } else {
            INDArray r = real.castTo(t);
            b.put(realInput, Nd4j.concat(0, r, Nd4j.zeros(t, r.shape())));
            b.put(noiseInput, draw(2 * n, null));
            INDArray mix = Nd4j.zeros(t, mixShape);
            mix.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).assign(1);
            b.put(MIX, mix);
            b.put(TARGET, Nd4j.concat(0, Nd4j.ones(t, n, 1), Nd4j.zeros(t, n, 1)));
        }
        return dStep.feeds(b, training);
    }

    @Override
    public Map<String, Double> trainBatch(Map<String, INDArray> batch) {
        INDArray real = batch.get(realInput);
        long n = real.size(0);
        OutAndGrad dr = dStep.gradients(feeds(real, n, true), List.of(loss));
        double dl = GraphStep.scalar(dr.getOutputs().get(loss));
        if (Double.isFinite(dl)) {
            dStep.update(dr.getGradients());
        }
        if (++dStepsSinceG >= discriminatorSteps) {
            dStepsSinceG = 0;
            OutAndGrad gr = gStep.gradients(feeds(null, n, true), List.of(loss));
            lastGLoss = GraphStep.scalar(gr.getOutputs().get(loss));
            if (Double.isFinite(lastGLoss)) {
                gStep.update(gr.getGradients());
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        // until the generator's first step there is no generator loss yet: loss is then d_loss alone
        boolean gStepped = !Double.isNaN(lastGLoss);
        m.put("loss", gStepped ? dl + lastGLoss : dl);
        m.put("d_loss", dl);
        if (gStepped) {
            m.put("g_loss", lastGLoss);
        }
        return m;
    }

    @Override
    public Map<String, Double> evaluateBatch(Map<String, INDArray> batch) {
        return Map.of();
    }

    @Override
    public String locateNonFinite(Map<String, INDArray> batch) {
        INDArray real = batch.get(realInput);
        return dStep.locate(feeds(real, real.size(0), true));
    }

    /** Writes the generator's samples of the fixed noise batch as a PNG grid. */
    @Override
    public void endEpoch(int epoch, Path runDir) {
        if (runDir == null) {
            return;
        }
        Map<String, INDArray> f = new LinkedHashMap<>(feeds(null, fixedNoise.size(0), false));
        f.put(noiseInput, fixedNoise);
        INDArray samples = net.sd().output(f, sample).get(sample);
        if (samples.rank() != 4) {
            return;
        }
        SampleGrid.write(samples, SampleGrid.path(runDir, epoch));
    }
}
