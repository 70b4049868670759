package org.nnet.core.catalog;

/**
 * A key of an autoencoder, a GAN or a training block.
 *
 * @param key      the key as written before the colon
 * @param required whether the block must have it
 * @param multiple whether it takes a list of values ({@code metrics: accuracy, mse})
 * @param doc      one line for content assist and hovers
 */
public record PropertySpec(String key, boolean required, boolean multiple, String doc) {
}
