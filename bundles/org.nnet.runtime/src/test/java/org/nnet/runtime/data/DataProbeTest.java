package org.nnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheap reading of data files that nnet train does before training agrees with what {@link Sources} loads. */
class DataProbeTest {
    @TempDir
    Path dir;

    @Test
    void csvGivesTheFeatureCountClassesAndRowsOfWhatSourcesLoads() throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "a,b,cls\n1,2,0\n3,4,2\n\n5,6,1\n");
        DataProbe.Sample s = DataProbe.csv(f, "cls");
        Dataset d = Sources.csv(f, "cls").load(Partition.TRAIN);
        assertArrayEquals(d.sampleShape(Dataset.FEATURES), s.shape());
        assertEquals(d.sampleShape(Dataset.LABELS)[0], s.classes());
        assertEquals(d.size(), s.samples());
        assertTrue(s.what().contains("2 feature columns (a, b)"), s.what());
    }

    @Test
    void idxReadsOnlyTheHeadersButFindsATruncatedFile() throws IOException {
        Path images = dir.resolve("i.idx");
        Path labels = dir.resolve("l.idx");
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(images))) {
            o.writeInt(0x803);
            o.writeInt(3);
            o.writeInt(2);
            o.writeInt(5);
            o.write(new byte[3 * 2 * 5]);
        }
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(labels))) {
            o.writeInt(0x801);
            o.writeInt(3);
            o.write(new byte[] {0, 1, 2});
        }
        DataProbe.Sample s = DataProbe.idx(images, labels);
        assertArrayEquals(new long[] {1, 2, 5}, s.shape());
        assertEquals(3, s.samples());
        Files.write(images, new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 5, 1, 2});
        DataException e = assertThrows(DataException.class, () -> DataProbe.idx(images, labels));
        assertTrue(e.getMessage().startsWith(images + ": declares 3 images of 2x5"), e.getMessage());
    }
}
