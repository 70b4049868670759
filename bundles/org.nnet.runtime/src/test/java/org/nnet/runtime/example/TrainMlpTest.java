package org.nnet.runtime.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.runtime.data.Dataset;
import org.nnet.runtime.metrics.JsonLinesFile;
import org.nnet.runtime.metrics.MetricsRecord;
import org.nnet.runtime.train.TrainingResult;

/** The hand-written TrainMlp on 320 synthetic samples, one short epoch. */
class TrainMlpTest {
    @TempDir
    Path dir;

    @Test
    void mlpHasTheParameterCountOfTheExample() {
        assertEquals(203_530, TrainMlp.mlp(1).parameterCount());
    }

    @Test
    void lossGoesDownInOneShortEpoch() throws Exception {
        Dataset data = SyntheticDigits.make(320, 5);
        Dataset.Split s = data.split(0.2, 1);
        TrainingResult r = TrainMlp.train(s.train(), s.validation(), TrainMlp.options(dir).epochs(1).batch(16));
        double[] losses = r.batchLosses();
        assertEquals(16, losses.length);
        double first = (losses[0] + losses[1]) / 2, last = (losses[14] + losses[15]) / 2;
        assertTrue(last < first * 0.8, "loss " + first + " -> " + last);
        MetricsRecord epoch = r.epochs().get(0);
        assertTrue(epoch.get("val_accuracy") > 0.3, epoch.toJson());
        List<MetricsRecord> lines = JsonLinesFile.read(dir.resolve("metrics.jsonl"));
        assertEquals(17, lines.size(), "16 batch lines and one epoch line");
        assertTrue(Files.exists(dir.resolve("checkpoints/epoch-0001.zip")));
    }

    @Test
    void sameSeedGivesTheSameLossSequence() {
        Dataset data = SyntheticDigits.make(96, 3);
        double[] a = TrainMlp.train(data, null, TrainMlp.options(null).epochs(2).batch(32)).batchLosses();
        double[] b = TrainMlp.train(data, null, TrainMlp.options(null).epochs(2).batch(32)).batchLosses();
        assertEquals(6, a.length);
        assertArrayEquals(a, b, 0.0, Arrays.toString(a) + " vs " + Arrays.toString(b));
    }
}
