package org.nnet.runtime.data;

/**
 * Which part of a source to load: the language's {@code split: train|test}. Built-in and synthetic
 * sources have both; a file source is a single partition and returns it for both.
 */
public enum Partition {
    /** The training part. */
    TRAIN,
    /** The held-out test part. */
    TEST
}
