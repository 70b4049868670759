package org.nnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.example.SyntheticDigits;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Network;

/** Autoencoders and GANs on 64 synthetic 28x28 images, small networks, one or two epochs. */
class GenerativeTasksTest {
    @TempDir
    Path dir;

    private static Network autoencoder(boolean variational, Network.Gaussian[] gaussian) {
        Network net = new Network(7);
        SDVariable x = net.flatten("flatten", net.input("features", 1, 28, 28));
        SDVariable code = net.dense("enc", x, 32, Activation.RELU);
        if (variational) {
            gaussian[0] = net.gaussian("gaussian", code, 2);
            code = gaussian[0].sample();
        }
        SDVariable h = net.dense("dec", code, 784, Activation.SIGMOID);
        SDVariable image = net.reshape("image", h, 1, 28, 28);
        net.binaryCrossEntropy("recon_loss", image, net.input(AutoencoderTask.TARGET, 1, 28, 28));
        return net;
    }

    private static TrainingOptions options() {
        return new TrainingOptions().epochs(2).batch(16).seed(3).optimizer(Optimizer.adam(1e-2));
    }

    @Test
    void denoisingAutoencoderLossGoesDown() {
        Network net = autoencoder(false, null);
        TrainingResult r = new Trainer(AutoencoderTask.denoising(net, "features", "image", "recon_loss", 0.3), options())
                .fit(SyntheticDigits.make(64, 1), null);
        assertTrue(r.epochs().get(1).get("loss") < r.epochs().get(0).get("loss"), r.epochs().toString());
    }

    @Test
    void variationalAutoencoderAddsTheKlTermAndWritesASampleGridEachEpoch() throws Exception {
        Network.Gaussian[] g = new Network.Gaussian[1];
        Network net = autoencoder(true, g);
        Dataset d = SyntheticDigits.make(64, 2);
        TrainingResult r = new Trainer(AutoencoderTask.variational(net, "features", "image", "recon_loss", g[0]), options().runDir(dir))
                .fit(d, d);
        var e = r.epochs().get(1);
        assertTrue(e.get("kl") >= 0, e.toJson());
        assertEquals(e.get("reconstruction") + e.get("kl") / 784, e.get("loss"), 1e-3, e.toJson());
        assertTrue(Double.isFinite(e.get("val_loss")));
        assertTrue(r.epochs().get(1).get("loss") < r.epochs().get(0).get("loss"), r.epochs().toString());
        for (int epoch = 1; epoch <= 2; epoch++) {
            assertVariedGrid(dir.resolve(String.format("samples/epoch-%03d.png", epoch)));
        }
    }

    /** An 8 x 8 grid of 28-pixel images with 1-pixel gaps whose images are not all one grey. */
    private static void assertVariedGrid(Path png) throws java.io.IOException {
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(8 * 29 + 1, grid.getWidth(), png.toString());
        assertEquals(8 * 29 + 1, grid.getHeight(), png.toString());
        java.util.Set<Integer> greys = new java.util.HashSet<>();
        for (int y = 1; y < 29; y++) {
            for (int x = 1; x < 8 * 29; x++) {
                greys.add(grid.getRGB(x, y) & 0xff);
            }
        }
        assertTrue(greys.size() > 10, "the first row of samples has only " + greys.size() + " grey levels");
    }

    @Test
    void ganTrainsBothNetworksAndWritesASampleGridEachEpoch() throws Exception {
        Network gan = new Network(1);
        SDVariable z = gan.input("noise", 8);
        SDVariable h = gan.dense("generator/g1", z, 32, Activation.leakyRelu(0.2));
        SDVariable image = gan.reshape("generator/image", gan.dense("generator/g2", h, 784, Activation.SIGMOID), 1, 28, 28);
        SDVariable in = GanTask.discriminatorInput(gan, gan.input("features", 1, 28, 28), image);
        SDVariable x = gan.flatten("discriminator/flatten", in);
        x = gan.dropout("discriminator/drop", gan.dense("discriminator/d1", x, 32, Activation.leakyRelu(0.2)), 0.3);
        gan.dense("discriminator/real", x, 1, Activation.SIGMOID);
        GanTask task = new GanTask(gan, "noise", "generator/image", "features", "discriminator/real", "generator/",
                GanTask.NoiseKind.NORMAL, 2, 9);
        Network gen = gan;
        float before = gen.sd().getVariable("generator/g1/W").getArr().getFloat(0);
        TrainingResult r = new Trainer(task, options().runDir(dir)).fit(SyntheticDigits.make(64, 3), null);
        assertEquals(8, r.batches().size());
        assertTrue(r.batches().stream().allMatch(b -> Double.isFinite(b.get("d_loss"))));
        assertTrue(!r.batches().get(0).metrics().containsKey("g_loss"), "no generator step after 1 discriminator step");
        assertTrue(Double.isFinite(r.batches().get(1).get("g_loss")), "the generator stepped after 2 discriminator steps");
        assertTrue(before != gen.sd().getVariable("generator/g1/W").getArr().getFloat(0), "generator weights changed");
        for (int epoch = 1; epoch <= 2; epoch++) {
            assertVariedGrid(dir.resolve(String.format("samples/epoch-%03d.png", epoch)));
        }
    }
}
