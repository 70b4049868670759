package org.nnet.runtime.data;

/**
 * Where a data set comes from: a built-in, a file or a synthetic task. Create one with
 * {@link Sources}.
 */
@FunctionalInterface
public interface DataSource {
    /**
     * Loads one partition into memory.
     *
     * @throws DataException when the input is missing or malformed
     */
    Dataset load(Partition partition);
}
