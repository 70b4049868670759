package org.nnet.runtime.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An in-memory data set: named fields that share their first axis (one entry per sample).
 *
 * <p>Instances are immutable: {@link #take}, {@link #normalize}, {@link #split} and
 * {@link #rename} return new data sets. Label fields (targets) are remembered so that
 * {@link #normalize} leaves them alone.
 */
public final class Dataset {
    /** Field of the inputs of classification and text sources. */
    public static final String FEATURES = "features";
    /** Field of the targets of classification and text sources. */
    public static final String LABELS = "labels";

    private final Map<String, INDArray> fields;
    private final Set<String> labelFields;
    private final int size;

    /**
     * Creates a data set from fields in order (inputs first, then targets).
     *
     * @param fields      name to array, every array with the same length on axis 0
     * @param labelFields names of the fields that are targets
     * @throws DataException when fields disagree on the number of samples
     */
    public Dataset(Map<String, INDArray> fields, Set<String> labelFields) {
        if (fields.isEmpty()) {
            throw new DataException("A data set needs at least one field.");
        }
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.labelFields = Collections.unmodifiableSet(new LinkedHashSet<>(labelFields));
        long n = -1;
        for (Map.Entry<String, INDArray> e : fields.entrySet()) {
            long rows = e.getValue().size(0);
            if (n >= 0 && rows != n) {
                throw new DataException("Field '" + e.getKey() + "' has " + rows + " samples but the others have " + n
                        + ": every field needs one entry per sample.");
            }
            n = rows;
        }
        this.size = Math.toIntExact(n);
    }

    /** A classification data set with {@link #FEATURES} and one-hot {@link #LABELS}. */
    public static Dataset classification(INDArray features, INDArray labels) {
        Map<String, INDArray> f = new LinkedHashMap<>();
        f.put(FEATURES, features);
        f.put(LABELS, labels);
        return new Dataset(f, Set.of(LABELS));
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Field names, inputs first in declaration order. */
    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    /** Names of the target fields. */
    public Set<String> labelFields() {
        return labelFields;
    }

    /** Whether a field of that name exists. */
    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /**
     * The array of a field.
     *
     * @throws DataException if there is no such field
     */
    public INDArray field(String name) {
        INDArray a = fields.get(name);
        if (a == null) {
            throw new DataException("The data set has no field '" + name + "' (fields: " + String.join(", ", fields.keySet())
                    + "): bind the network's input to one of these.");
        }
        return a;
    }

    /** The shape of one sample of a field (the field's shape without axis 0). */
    public long[] sampleShape(String name) {
        long[] s = field(name).shape();
        long[] r = new long[s.length - 1];
        System.arraycopy(s, 1, r, 0, r.length);
        return r;
    }

    /** The first {@code n} samples (all of them if there are fewer): the language's {@code take: n}. */
    public Dataset take(int n) {
        if (n < 0) {
            throw new DataException("take must be at least 0 but is " + n + ".");
        }
        if (n >= size) {
            return this;
        }
        return slice(0, n);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Dataset slice(int from, int to) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, rows(v, from, to)));
        return new Dataset(out, labelFields);
    }

    /** The same data with a field renamed, for binding fields to the network's input names. */
    public Dataset rename(String from, String to) {
        field(from);
        Map<String, INDArray> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k.equals(from) ? to : k, v));
        Set<String> labels = new LinkedHashSet<>();
        labelFields.forEach(l -> labels.add(l.equals(from) ? to : l));
        return new Dataset(out, labels);
    }

    /**
     * Standardises every floating-point input field to mean 0 and standard deviation 1 per feature
     * (a constant feature is only centred); target and integer fields are left as they are. This is
     * the language's {@code normalize: true}; statistics are this data set's own.
     */
    public Dataset normalize() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (labelFields.contains(k) || !v.dataType().isFPType() || size == 0) {
                out.put(k, v);
                return;
            }
            INDArray flat = v.reshape(v.ordering(), size, v.length() / size).dup();
            INDArray mean = flat.mean(true, 0);
            INDArray std = flat.std(false, true, 0);
            std.addi(std.eq(0.0).castTo(std.dataType()));
            out.put(k, flat.subiRowVector(mean).diviRowVector(std).reshape(v.shape()));
        });
        return new Dataset(out, labelFields);
    }

    /** A training part and a validation part of a data set. */
    public record Split(Dataset train, Dataset validation) {
    }

    /**
     * Splits off a shuffled validation part: the language's {@code validation: split(fraction)}.
     *
     * @param fraction part of the samples for validation, strictly between 0 and 1
     * @param seed     seed of the shuffle, so a run is reproducible
     */
    public Split split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new DataException("split(" + fraction + ") needs a fraction strictly between 0 and 1, e.g. split(0.1).");
        }
        int nValidation = (int) Math.round(size * fraction);
        if (nValidation == 0 || nValidation == size) {
            throw new DataException("split(" + fraction + ") of " + size + " samples leaves one part empty: use more samples or another fraction.");
        }
        Dataset shuffled = permute(permutation(size, seed));
        return new Split(shuffled.slice(nValidation, size), shuffled.slice(0, nValidation));
    }

    /** Batches in order, the last one possibly smaller; for evaluation. */
    public List<Map<String, INDArray>> batches(int batchSize) {
        return cut(this, batchSize);
    }

    /**
     * The batches of one epoch after a shuffle with the given seed (the trainer passes {@code seed + epoch}, so a
     * resumed run sees the same order as an uninterrupted one). The last batch may be smaller. Nothing is
     * copied up front: {@link Batches#get} gathers a batch's samples into buffers that are reused from batch
     * to batch.
     */
    public Batches batches(int batchSize, long seed) {
        if (batchSize < 1) {
            throw new DataException("batch must be at least 1 but is " + batchSize + ".");
        }
        return new Batches(permutation(size, seed), batchSize);
    }

    /**
     * The shuffled batches of one epoch, gathered on demand. The arrays of the map {@link #get} returns are
     * overwritten by the next {@code get} of a batch of the same size: use a batch before asking for the next.
     */
    public final class Batches {
        private final int[] order;
        private final int batchSize;
        /** Per field: the data as [samples, values of one sample]. */
        private final Map<String, INDArray> rows = new LinkedHashMap<>();
        /** Buffers by batch size (full batches and the last one): [batch, values] and the batch-shaped view of it. */
        private final Map<Integer, Map<String, INDArray[]>> buffers = new java.util.HashMap<>();

        private Batches(int[] order, int batchSize) {
            this.order = order;
            this.batchSize = batchSize;
            fields.forEach((k, v) -> rows.put(k, v.reshape('c', size, v.length() / Math.max(1, size))));
        }

        /** The number of batches. */
        public int size() {
            return (order.length + batchSize - 1) / batchSize;
        }

        /** Batch {@code b} (from 0): field name to array, the arrays valid until the next call. */
        public Map<String, INDArray> get(int b) {
            int from = b * batchSize;
            int to = Math.min(order.length, from + batchSize);
            int[] picked = java.util.Arrays.copyOfRange(order, from, to);
            Map<String, INDArray[]> buf = buffers.computeIfAbsent(to - from, this::allocate);
            Map<String, INDArray> out = new LinkedHashMap<>();
            buf.forEach((k, pair) -> {
                Nd4j.pullRows(rows.get(k), pair[0], 1, picked);
                out.put(k, pair[1]);
            });
            return Collections.unmodifiableMap(out);
        }

        private Map<String, INDArray[]> allocate(int n) {
            Map<String, INDArray[]> m = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                INDArray flat = Nd4j.create(v.dataType(), n, rows.get(k).size(1));
                long[] shape = v.shape().clone();
                shape[0] = n;
                m.put(k, new INDArray[] {flat, flat.reshape('c', shape)});
            });
            return m;
        }
    }

    private static List<Map<String, INDArray>> cut(Dataset d, int batchSize) {
        if (batchSize < 1) {
            throw new DataException("batch must be at least 1 but is " + batchSize + ".");
        }
        List<Map<String, INDArray>> out = new ArrayList<>();
        for (int from = 0; from < d.size; from += batchSize) {
            int to = Math.min(d.size, from + batchSize);
            Map<String, INDArray> b = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : d.fields.entrySet()) {
                b.put(e.getKey(), rows(e.getValue(), from, to));
            }
            out.add(Collections.unmodifiableMap(b));
        }
        return out;
    }

    /** The data set with its samples in the given order. */
    public Dataset permute(int[] order) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            INDArray flat = v.reshape('c', size, v.length() / Math.max(1, size));
            out.put(k, Nd4j.pullRows(flat, 1, order).reshape('c', v.shape()));
        });
        return new Dataset(out, labelFields);
    }

    /** A seeded Fisher-Yates permutation of 0..n-1 (java.util.Random, so it is the same everywhere). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] ix = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        ix[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < ix.length; i++) {
            ix[i] = NDArrayIndex.all();
        }
        return a.get(ix).dup('c');
    }
}
