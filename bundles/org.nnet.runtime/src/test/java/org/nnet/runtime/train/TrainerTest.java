package org.nnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Network;
import org.nnet.runtime.metrics.JsonLinesFile;
import org.nnet.runtime.metrics.MetricsRecord;

class TrainerTest {
    @TempDir
    Path dir;

    /** y = one-hot(x0 > x1) from 4 features. */
    static Dataset data(int n) {
        float[][] x = new float[n][4];
        float[][] y = new float[n][2];
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i][x[i][0] > x[i][1] ? 0 : 1] = 1;
        }
        return Dataset.classification(Nd4j.create(x), Nd4j.create(y));
    }

    private static SupervisedTask task() {
        Network net = new Network(3);
        SDVariable x = net.input("features", 4);
        x = net.dense("hidden", x, 8, Activation.TANH);
        x = net.dropout("drop", x, 0.1);
        SDVariable p = net.dense("out", x, 2, Activation.SOFTMAX);
        net.crossEntropy("loss", p, net.input("labels", 2));
        return new SupervisedTask(net, "out", "loss", "labels");
    }

    private TrainingOptions options(Path run) {
        return new TrainingOptions().epochs(3).batch(16).seed(4).optimizer(Optimizer.sgd(0.1, 0.9, true)).metrics("accuracy", "mse")
                .regularization(Regularization.l2(1e-4)).runDir(run);
    }

    @Test
    void resumedRunMatchesAnUninterruptedOne() throws Exception {
        Dataset d = data(64);
        TrainingResult whole = new Trainer(task(), options(dir.resolve("whole"))).fit(d, null);

        Path run = dir.resolve("interrupted");
        RuntimeException crash = assertThrows(RuntimeException.class, () -> new Trainer(task(), options(run).listener(r -> {
            if (r.epoch() == 2 && r.batch() == 2) {
                throw new IllegalStateException("simulated kill in epoch 2");
            }
        })).fit(d, null));
        assertEquals("simulated kill in epoch 2", crash.getMessage());
        assertEquals(List.of(run.resolve("checkpoints/epoch-0001.zip")), Checkpoints.list(run));

        TrainingResult resumed = new Trainer(task(), options(run).resume(true)).fit(d, null);
        assertEquals(3, resumed.epochsCompleted());
        assertEquals(2, resumed.epochs().size(), "epochs 2 and 3 were trained after the resume");
        assertEquals(List.of(run.resolve("checkpoints/epoch-0001.zip"), run.resolve("checkpoints/epoch-0002.zip"),
                run.resolve("checkpoints/epoch-0003.zip")), Checkpoints.list(run));
        List<MetricsRecord> lines = JsonLinesFile.read(run.resolve("metrics.jsonl"));
        assertEquals(List.of(1, 2, 3), lines.stream().filter(l -> l.type() == MetricsRecord.Type.EPOCH).map(MetricsRecord::epoch).toList());
        assertEquals(12, lines.stream().filter(l -> l.type() == MetricsRecord.Type.BATCH).count(), "4 batches per epoch, none twice");
        double[] expected = whole.epochs().stream().skip(1).mapToDouble(r -> r.get("loss")).toArray();
        assertArrayEquals(expected, resumed.epochs().stream().mapToDouble(r -> r.get("loss")).toArray(), 1e-6);
    }

    @Test
    void nanStopsTheRunNamingEpochBatchAndLayer() {
        Network net = new Network(1);
        SDVariable x = net.input("features", 4);
        SDVariable h = net.dense("hidden", x, 3, Activation.LINEAR);
        SDVariable bad = net.sd().math.log("bad/log", h);   // log of negative values: NaN
        SDVariable p = net.sd().nn.softmax("out", bad);
        net.sd().math.neg(net.sd().mean("loss", p));
        SupervisedTask t = new SupervisedTask(net, "out", "loss", "labels");
        TrainingException e = assertThrows(TrainingException.class, () -> new Trainer(t, new TrainingOptions()).fit(data(8), null));
        assertTrue(e.getMessage().contains("epoch 1, batch 1"), e.getMessage());
        assertTrue(e.getMessage().contains("layer bad (variable bad/log)"), e.getMessage());
    }

    @Test
    void earlyStoppingStopsWhenValidationLossStopsImproving() {
        Dataset d = data(32);
        // a learning rate of 0 never improves the loss: the run stops after patience epochs past the first
        TrainingResult r = new Trainer(task(), new TrainingOptions().epochs(10).optimizer(Optimizer.sgd(0, 0, false)).patience(2)
                .seed(1)).fit(d, d);
        assertTrue(r.stoppedEarly());
        assertEquals(3, r.epochsCompleted());
        assertTrue(r.epochs().get(0).metrics().containsKey("val_loss"));
    }

    @Test
    void metricsCoverLossAccuracyMseForTrainingAndValidation() {
        Dataset d = data(32);
        TrainingResult r = new Trainer(task(), options(null).epochs(1)).fit(d, d);
        MetricsRecord e = r.epochs().get(0);
        for (String k : List.of("loss", "accuracy", "mse", "val_loss", "val_accuracy", "val_mse")) {
            assertTrue(Double.isFinite(e.get(k)), k + " in " + e.toJson());
        }
        assertTrue(Double.isFinite(r.batches().get(0).get("accuracy")));
    }

    @Test
    void inputsOfTheWrongShapeFailBeforeAnUpdate() {
        Dataset wrong = Dataset.classification(Nd4j.zeros(DataType.FLOAT, 4, 5), Nd4j.zeros(DataType.FLOAT, 4, 2));
        assertThrows(RuntimeException.class, () -> new Trainer(task(), new TrainingOptions()).fit(wrong, null));
    }
}
