package org.nnet.core.inference;

/**
 * A member network of an autoencoder or a GAN.
 *
 * @param role        {@code encoder}, {@code decoder}, {@code generator} or {@code discriminator}
 * @param networkName the member network's name ({@code null} if unresolved)
 * @param trainable   its trainable parameters, or {@code null}
 * @param total       its total parameters, or {@code null}
 * @param report      its full report, or {@code null} if the member is missing or unresolved
 */
public record MemberReport(String role, String networkName, Long trainable, Long total, ModelReport report) {
}
