package org.nnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.graph.Activation;
import org.nnet.runtime.graph.Network;
import org.nnet.runtime.metrics.JsonLinesFile;

/** Issue 11, items 2 and 6: resuming a run folder when bad luck or a second writer got there first. */
class ResumeSafetyTest {
    @TempDir
    Path dir;

    private static Dataset data(int n) {
        return TrainerTest.data(n);
    }

    private static SupervisedTask task(int hidden) {
        Network net = new Network(3);
        SDVariable x = net.input("features", 4);
        x = net.dense("hidden", x, hidden, Activation.TANH);
        SDVariable p = net.dense("out", x, 2, Activation.SOFTMAX);
        net.crossEntropy("loss", p, net.input("labels", 2));
        return new SupervisedTask(net, "out", "loss", "labels");
    }

    private static TrainingOptions options(Path run, int epochs) {
        return new TrainingOptions().epochs(epochs).batch(16).seed(4).optimizer(Optimizer.sgd(0.1, 0.9, true)).runDir(run);
    }

    @Test
    void checkpointsAreOrderedByEpochNumberNotByName() throws Exception {
        Path cp = Files.createDirectories(dir.resolve("checkpoints"));
        for (String n : List.of("epoch-9999.zip", "epoch-10000.zip", "epoch-0002.zip", "epoch-10000.zip.tmp")) {
            Files.writeString(cp.resolve(n), "");
        }
        assertEquals(List.of("epoch-0002.zip", "epoch-9999.zip", "epoch-10000.zip"),
                Checkpoints.list(dir).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals("epoch-10000.zip", Checkpoints.latest(dir).orElseThrow().getFileName().toString());
    }

    @Test
    void aTruncatedLastCheckpointFallsBackToTheNewestIntactOne() throws Exception {
        Path run = dir.resolve("run");
        new Trainer(task(8), options(run, 2)).fit(data(64), null);
        Path last = run.resolve("checkpoints/epoch-0002.zip");
        byte[] whole = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(whole, whole.length / 2));

        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TrainingResult r;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            r = new Trainer(task(8), options(run, 3).resume(true)).fit(data(64), null);
        } finally {
            System.setErr(old);
        }
        assertEquals(3, r.epochsCompleted());
        assertEquals(2, r.epochs().size(), "epochs 2 and 3 trained again from epoch-0001.zip");
        String note = err.toString(StandardCharsets.UTF_8);
        assertTrue(note.contains("epoch-0002.zip is damaged") && note.contains("resuming from epoch-0001.zip"), note);
        assertEquals(List.of(1, 2, 3), JsonLinesFile.read(run.resolve("metrics.jsonl")).stream()
                .filter(m -> m.type() == org.nnet.runtime.metrics.MetricsRecord.Type.EPOCH).map(m -> m.epoch()).toList());
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedBeforeAnythingIsLoaded() throws Exception {
        Path run = dir.resolve("run");
        new Trainer(task(8), options(run, 1)).fit(data(32), null);
        SupervisedTask other = task(5);
        other.prepare(Optimizer.sgd(0.1, 0.9, true), new TrainingOptions().regularization(), java.util.Set.of());
        float[] before = other.networks().get("model").sd().getVariable("hidden/W").getArr().dup().data().asFloat();
        TrainingException e = assertThrows(TrainingException.class,
                () -> Checkpoints.read(Checkpoints.latest(run).orElseThrow(), other.networks(), other.optimizers()));
        assertTrue(e.getMessage().contains("checkpoint of another model") && e.getMessage().contains("[4, 8]"), e.getMessage());
        assertArrayEquals(before, other.networks().get("model").sd().getVariable("hidden/W").getArr().data().asFloat());
    }

    @Test
    void resumingWithoutCheckpointsIsRefusedAndKeepsTheMetrics() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"type\":\"batch\",\"epoch\":1,\"batch\":1,\"loss\":0.5}\n");
        TrainingException e = assertThrows(TrainingException.class,
                () -> new Trainer(task(8), options(run, 2).resume(true)).fit(data(32), null));
        assertTrue(e.getMessage().contains("has no checkpoint to resume from"), e.getMessage());
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    }

    @Test
    void aRunFolderBeingWrittenIsRefusedToASecondTraining() throws Exception {
        Path run = dir.resolve("run");
        try (RunLock held = RunLock.acquire(run)) {
            assertTrue(RunLock.isHeld(run));
            TrainingException e = assertThrows(TrainingException.class,
                    () -> new Trainer(task(8), options(run, 1).resume(true)).fit(data(32), null));
            assertTrue(e.getMessage().contains("Another training is still writing to"), e.getMessage());
        }
        assertFalse(RunLock.isHeld(run));
    }

    @Test
    void theWatchActsWhenTheParentIsGone() throws Exception {
        AtomicBoolean parentAlive = new AtomicBoolean(true);
        CountDownLatch gone = new CountDownLatch(1);
        Thread watch = ParentWatch.start(parentAlive::get, gone::countDown);
        assertTrue(watch.isDaemon());
        assertFalse(gone.await(ParentWatch.POLL_MILLIS * 2L, TimeUnit.MILLISECONDS), "acts only when the parent is gone");
        parentAlive.set(false);
        assertTrue(gone.await(5, TimeUnit.SECONDS));
    }
}
