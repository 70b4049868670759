package org.nnet.runtime.train;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.graph.Network;

/**
 * An autoencoder: the data field is both the input and the target. The graph reads the input from
 * the placeholder named like the field and the clean target from a placeholder named
 * {@link #TARGET}; the loss compares the reconstruction with the target.
 * <ul>
 * <li>plain: input = target = the data;</li>
 * <li>denoising: the input gets Gaussian noise of standard deviation {@code noise}, the target stays clean;</li>
 * <li>variational: the loss is the reconstruction loss plus the KL term of the
 * {@link Network.Gaussian} layer divided by the number of elements of a sample, which keeps it on
 * the scale of a reconstruction loss averaged over elements (the ELBO divided by that number).
 * After every epoch the decoder turns a fixed batch of {@value #GRID_SAMPLES} latent points drawn from the
 * prior N(0, I) into images (when its output is an image {@code [c, h, w]}), written as a grid to
 * {@code samples/epoch-NNN.png} in the run folder ({@link SampleGrid}), as a GAN's are.</li>
 * </ul>
 */
public final class AutoencoderTask implements Task {
    /** The placeholder that receives the clean data as the reconstruction target. */
    public static final String TARGET = "autoencoder_target";

    private final Network net;
    private final String field;
    private final String reconstruction;
    private final String loss;
    private final String reconstructionLoss;
    private final String kl;
    private final double noise;
    /** Number of images in a variational autoencoder's sample grid. */
    public static final int GRID_SAMPLES = 64;
    private final Network.Gaussian gaussian;
    private final INDArray fixedLatent;
    private GraphStep step;
    private Set<String> metrics = Set.of();

    private AutoencoderTask(Network net, String field, String reconstruction, String reconstructionLoss, Network.Gaussian gaussian,
            double noise) {
        SDVariable kl = gaussian == null ? null : gaussian.kl();
        this.gaussian = gaussian;
        this.fixedLatent = gaussian == null ? null : drawLatent(net.shape(gaussian.sample())[0]);
        this.net = net;
        this.field = field;
        this.reconstruction = reconstruction;
        this.reconstructionLoss = reconstructionLoss;
        this.noise = noise;
        if (kl != null) {
            long elements = 1;
            for (long d : net.shape(net.sd().getVariable(reconstruction))) {
                elements *= d;
            }
            this.kl = kl.name();
            this.loss = net.sd().math.add("autoencoder_loss", net.sd().getVariable(reconstructionLoss), kl.div(elements)).name();
        } else {
            this.kl = null;
            this.loss = reconstructionLoss;
        }
        net.sd().setLossVariables(loss);
    }

    /** A plain autoencoder reading the data set field {@code field}. */
    public static AutoencoderTask plain(Network net, String field, String reconstruction, String loss) {
        return new AutoencoderTask(net, field, reconstruction, loss, null, 0);
    }

    /** A denoising autoencoder: Gaussian noise of standard deviation {@code noise} on the input. */
    public static AutoencoderTask denoising(Network net, String field, String reconstruction, String loss, double noise) {
        return new AutoencoderTask(net, field, reconstruction, loss, null, noise);
    }

    /** A variational autoencoder whose encoder ends in {@code gaussian}; its KL term is added to the loss. */
    public static AutoencoderTask variational(Network net, String field, String reconstruction, String reconstructionLoss,
            Network.Gaussian gaussian) {
        return new AutoencoderTask(net, field, reconstruction, reconstructionLoss, gaussian, 0);
    }

    /** {@value #GRID_SAMPLES} standard normal latent points, the same in every run (java.util.Random, its own seed). */
    private static INDArray drawLatent(long latent) {
        java.util.Random r = new java.util.Random(0x5A3D1E5L);
        double[] z = new double[Math.toIntExact(GRID_SAMPLES * latent)];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian();
        }
        return Nd4j.create(z, new long[] {GRID_SAMPLES, latent}, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    /** A variational autoencoder decodes its fixed latent batch into {@code samples/epoch-NNN.png}. */
    @Override
    public void endEpoch(int epoch, Path runDir) {
        if (gaussian == null || runDir == null || net.shape(net.sd().getVariable(reconstruction)).length != 3) {
            return;
        }
        SDVariable in = net.sd().getVariable(field);
        long[] sample = net.shape(in);
        long[] shape = new long[sample.length + 1];
        shape[0] = GRID_SAMPLES;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        // the encoder needs an input to run, but with the prior switch its output does not reach the decoder
        Map<String, INDArray> feeds = new HashMap<>(step.feeds(Map.of(field, Nd4j.zeros(in.dataType(), shape)), false));
        feeds.putAll(net.priorFeeds(gaussian, fixedLatent));
        INDArray images = net.sd().output(feeds, reconstruction).get(reconstruction);
        SampleGrid.write(images, SampleGrid.path(runDir, epoch));
    }

    @Override
    public Map<String, Network> networks() {
        return Map.of("model", net);
    }

    @Override
    public void prepare(Optimizer optimizer, Regularization regularization, Set<String> metrics) {
        this.step = new GraphStep(net, optimizer, regularization);
        this.metrics = metrics;
        System.out.println("Training step: graph (autoencoder trainings are not compiled yet)");
    }

    @Override
    public Map<String, Optimizer> optimizers() {
        return Map.of("model", step.optimizer);
    }

    private Map<String, INDArray> withTarget(Map<String, INDArray> batch, boolean training) {
        Map<String, INDArray> b = new HashMap<>(batch);
        INDArray clean = batch.get(field);
        b.put(TARGET, clean);
        if (noise > 0 && training) {
            b.put(field, clean.add(Nd4j.randn(clean.dataType(), clean.shape()).muli(noise)));
        }
        return b;
    }

    private List<String> outputs() {
        return kl == null ? List.of(loss, reconstruction) : List.of(loss, reconstruction, reconstructionLoss, kl);
    }

    @Override
    public Map<String, Double> trainBatch(Map<String, INDArray> batch) {
        Map<String, INDArray> b = withTarget(batch, true);
        OutAndGrad r = step.gradients(step.feeds(b, true), outputs());
        Map<String, Double> m = result(r.getOutputs(), b);
        if (Double.isFinite(m.get("loss"))) {
            step.update(r.getGradients());
        }
        return m;
    }

    @Override
    public Map<String, Double> evaluateBatch(Map<String, INDArray> batch) {
        Map<String, INDArray> b = withTarget(batch, false);
        return result(net.sd().output(step.feeds(b, false), outputs()), b);
    }

    private Map<String, Double> result(Map<String, INDArray> out, Map<String, INDArray> batch) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", GraphStep.scalar(out.get(loss)));
        if (kl != null) {
            m.put("reconstruction", GraphStep.scalar(out.get(reconstructionLoss)));
            m.put("kl", GraphStep.scalar(out.get(kl)));
        }
        GraphStep.addMetrics(m, metrics, out.get(reconstruction), batch.get(TARGET));
        return m;
    }

    @Override
    public String locateNonFinite(Map<String, INDArray> batch) {
        return step.locate(step.feeds(withTarget(batch, true), true));
    }
}
