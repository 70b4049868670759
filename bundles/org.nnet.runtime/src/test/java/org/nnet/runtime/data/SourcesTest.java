package org.nnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class SourcesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertOneSentence(DataException e, String... parts) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
    }

    @Test
    void csvReadsFeaturesAndOneHotLabels() throws IOException {
        Path f = write("d.csv", "a,b,cls\n1,2,0\n3,4,2\n\n5,6,1\n");
        Dataset d = Sources.csv(f, "cls").load(Partition.TRAIN);
        assertEquals(3, d.size());
        assertEquals(List.of("features", "labels"), d.fieldNames());
        assertArrayEquals(new float[] {3, 4}, d.field("features").getRow(1).toFloatVector());
        assertArrayEquals(new float[] {0, 0, 1}, d.field("labels").getRow(1).toFloatVector());
    }

    @Test
    void csvNamedClassesAreSortedIntoIndices() throws IOException {
        Path f = write("d.csv", "x,kind\n1,versicolor\n2,setosa\n");
        Dataset d = Sources.csv(f, "kind").load(Partition.TRAIN);
        assertArrayEquals(new float[] {0, 1}, d.field("labels").getRow(0).toFloatVector());
    }

    @Test
    void csvMalformedRowNamesFileAndLine() throws IOException {
        Path f = write("d.csv", "a,b,cls\n1,2,0\n3,4\n");
        DataException e = assertThrows(DataException.class, () -> Sources.csv(f, "cls").load(Partition.TRAIN));
        assertOneSentence(e, f + ":3:", "2 values", "3 columns");
    }

    @Test
    void csvNonNumberNamesColumnAndLine() throws IOException {
        Path f = write("d.csv", "a,b,cls\n1,2,0\n3,x,1\n");
        DataException e = assertThrows(DataException.class, () -> Sources.csv(f, "cls").load(Partition.TRAIN));
        assertOneSentence(e, f + ":3:", "column \"b\"", "not a number");
    }

    @Test
    void csvMissingLabelColumnListsColumns() throws IOException {
        Path f = write("d.csv", "a,b\n1,2\n");
        DataException e = assertThrows(DataException.class, () -> Sources.csv(f, "cls").load(Partition.TRAIN));
        assertOneSentence(e, f + ":1:", "\"cls\"", "a, b");
    }

    @Test
    void missingFileSaysWhereItLooked() {
        Path f = dir.resolve("nope.csv");
        DataException e = assertThrows(DataException.class, () -> Sources.csv(f, "cls").load(Partition.TRAIN));
        assertOneSentence(e, f.toString(), "no such file");
    }

    private Path idx(String name, int magic, int[] dims, byte[] body) throws IOException {
        Path p = dir.resolve(name);
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(p))) {
            o.writeInt(magic);
            for (int d : dims) {
                o.writeInt(d);
            }
            o.write(body);
        }
        return p;
    }

    @Test
    void idxReadsImagesScaledAndLabels() throws IOException {
        byte[] pixels = new byte[2 * 2 * 3];
        pixels[0] = (byte) 255;
        Path images = idx("img", 0x803, new int[] {2, 2, 3}, pixels);
        Path labels = idx("lab", 0x801, new int[] {2}, new byte[] {7, 1});
        Dataset d = Sources.idx(images, labels).load(Partition.TEST);
        assertArrayEquals(new long[] {2, 1, 2, 3}, d.field("features").shape());
        assertEquals(1.0, d.field("features").getDouble(0, 0, 0, 0), 1e-6);
        assertEquals(1.0, d.field("labels").getDouble(0, 7), 1e-6);
    }

    @Test
    void idxCountMismatchNamesBothFiles() throws IOException {
        Path images = idx("img", 0x803, new int[] {2, 1, 1}, new byte[2]);
        Path labels = idx("lab", 0x801, new int[] {3}, new byte[3]);
        DataException e = assertThrows(DataException.class, () -> Sources.idx(images, labels).load(Partition.TRAIN));
        assertOneSentence(e, labels.toString(), images.toString(), "3 labels", "2 images");
    }

    @Test
    void idxTruncatedFileIsReported() throws IOException {
        Path images = idx("img", 0x803, new int[] {2, 2, 2}, new byte[5]);
        Path labels = idx("lab", 0x801, new int[] {2}, new byte[2]);
        DataException e = assertThrows(DataException.class, () -> Sources.idx(images, labels).load(Partition.TRAIN));
        assertOneSentence(e, images.toString(), "truncated");
    }

    @Test
    void textGivesWindowsAndNextTokens() throws IOException {
        Path f = write("t.txt", "abcdefghij\u2014k");
        Dataset d = Sources.text(f, 4).load(Partition.TRAIN);
        INDArray x = d.field("features"), y = d.field("labels");
        assertArrayEquals(new long[] {4}, d.sampleShape("features"));
        assertEquals('a', x.getInt(0, 0));
        assertEquals('b', y.getInt(0, 0));
        assertEquals('b', x.getInt(1, 0), "stride is window/4 = 1");
        assertEquals('-', y.getInt(d.size() - 1, 2), "an em dash becomes '-'");
    }

    @Test
    void textShorterThanWindowIsReported() throws IOException {
        Path f = write("t.txt", "abc");
        DataException e = assertThrows(DataException.class, () -> Sources.text(f, 10).load(Partition.TRAIN));
        assertOneSentence(e, f.toString(), "window");
    }

    private void png(Path file, int w, int h, int type) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, type);
        img.getRaster().setSample(0, 0, 0, 255);
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void imagesFolderGivesOneClassPerSubfolder() throws IOException {
        png(dir.resolve("imgs/cat/1.png"), 3, 2, BufferedImage.TYPE_BYTE_GRAY);
        png(dir.resolve("imgs/dog/1.png"), 3, 2, BufferedImage.TYPE_BYTE_GRAY);
        png(dir.resolve("imgs/dog/2.png"), 3, 2, BufferedImage.TYPE_BYTE_GRAY);
        Dataset d = Sources.images(dir.resolve("imgs")).load(Partition.TRAIN);
        assertArrayEquals(new long[] {3, 1, 2, 3}, d.field("features").shape());
        assertEquals(1.0, d.field("features").getDouble(0, 0, 0, 0), 1e-6);
        assertArrayEquals(new float[] {0, 1}, d.field("labels").getRow(2).toFloatVector());
    }

    @Test
    void imagesOfDifferentSizesAreReported() throws IOException {
        png(dir.resolve("imgs/a/1.png"), 3, 2, BufferedImage.TYPE_BYTE_GRAY);
        png(dir.resolve("imgs/a/2.png"), 4, 2, BufferedImage.TYPE_BYTE_GRAY);
        DataException e = assertThrows(DataException.class, () -> Sources.images(dir.resolve("imgs")).load(Partition.TRAIN));
        assertOneSentence(e, "2.png", "one size");
    }

    @Test
    void unreadableImageIsReported() throws IOException {
        write("x", "");
        Files.createDirectories(dir.resolve("imgs/a"));
        Files.writeString(dir.resolve("imgs/a/notes.txt"), "hello");
        DataException e = assertThrows(DataException.class, () -> Sources.images(dir.resolve("imgs")).load(Partition.TRAIN));
        assertOneSentence(e, "notes.txt", "not an image");
    }

    @Test
    void reverseTaskFieldsAreConsistent() {
        Dataset d = Sources.reverse(12, 5, 20).load(Partition.TRAIN);
        assertEquals(List.of("source", "target_in", "target"), d.fieldNames());
        INDArray s = d.field("source"), t = d.field("target"), ti = d.field("target_in");
        for (int i = 0; i < 20; i++) {
            assertEquals(Sources.START_TOKEN, ti.getInt(i, 0));
            for (int k = 0; k < 5; k++) {
                assertEquals(s.getInt(i, k), t.getInt(i, 4 - k));
                assertTrue(s.getInt(i, k) >= 1 && s.getInt(i, k) < 12);
                if (k > 0) {
                    assertEquals(t.getInt(i, k - 1), ti.getInt(i, k));
                }
            }
        }
        assertFalse(s.equals(Sources.reverse(12, 5, 20).load(Partition.TEST).field("source")), "test part differs from train part");
    }

    @Test
    void takeSplitNormalizeAndSeededBatches() {
        Dataset d = Sources.reverse(12, 3, 50).load(Partition.TRAIN);
        assertEquals(10, d.take(10).size());
        Dataset.Split s = d.split(0.2, 7);
        assertEquals(40, s.train().size());
        assertEquals(10, s.validation().size());
        Dataset.Batches a = d.batches(16, 3), b = d.batches(16, 3), c = d.batches(16, 4);
        assertEquals(4, a.size());
        assertEquals(2, a.get(3).get("source").size(0));
        assertEquals(a.get(0).get("source"), b.get(0).get("source"));
        assertFalse(a.get(0).get("source").equals(c.get(0).get("source")));
        // every sample once per epoch, rows kept together across fields, in the shuffled order
        int[] order = Dataset.permutation(50, 3);
        INDArray source = d.field("source"), target = d.field("target");
        for (int batch = 0; batch < a.size(); batch++) {
            Map<String, INDArray> m = a.get(batch);
            for (int i = 0; i < m.get("source").size(0); i++) {
                assertEquals(source.getRow(order[batch * 16 + i]), m.get("source").getRow(i));
                assertEquals(target.getRow(order[batch * 16 + i]), m.get("target").getRow(i));
            }
        }

        Dataset f = Dataset.classification(org.nd4j.linalg.factory.Nd4j.create(new float[][] {{1, 5}, {3, 5}}),
                org.nd4j.linalg.factory.Nd4j.create(new float[][] {{1, 0}, {0, 1}}));
        INDArray n = f.normalize().field("features");
        assertArrayEquals(new float[] {-1, 1}, n.getColumn(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {0, 0}, n.getColumn(1).toFloatVector(), 1e-6f);
        DataException e = assertThrows(DataException.class, () -> d.field("image"));
        assertTrue(e.getMessage().contains("source, target_in, target"));
    }
}
