package org.nnet.ui.wizards;

/**
 * The starting text of a new .nnet file, one per model kind. Names are derived from the file's name so
 * that several new files of one project do not declare the same name.
 */
public final class ModelTemplates {

	/** The kinds a new file can start as. */
	public enum Kind {
		NETWORK("Network: a classifier of 28x28 images"), AUTOENCODER("Autoencoder: encoder, decoder and training"),
		GAN("GAN: generator, discriminator and training"), TRAINING("Training: a network and its training on MNIST");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	private ModelTemplates() {
	}

	/** A name for the file's declarations: {@code my-net.nnet} gives {@code MyNet}. */
	public static String baseName(String fileName) {
		String stem = fileName.endsWith(".nnet") ? fileName.substring(0, fileName.length() - 5) : fileName;
		StringBuilder b = new StringBuilder();
		boolean upper = true;
		for (char c : stem.toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				b.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			} else {
				upper = true;
			}
		}
		if (b.isEmpty() || !Character.isLetter(b.charAt(0))) {
			b.insert(0, "Model");
		}
		return b.toString();
	}

	/**
	 * The package of a new file in a folder: the folder's path below the project ({@code mnist/conv} gives
	 * {@code mnist.conv}), or the project's name for a file at the project's top; each part made a name.
	 */
	public static String packageName(org.eclipse.core.runtime.IPath folder) {
		String[] segments = folder.segmentCount() > 1 ? folder.removeFirstSegments(1).segments() : folder.segments();
		java.util.List<String> parts = new java.util.ArrayList<>();
		for (String segment : segments) {
			String part = segment.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
			parts.add(part.isEmpty() || Character.isDigit(part.charAt(0)) ? "p" + part : part);
		}
		return parts.isEmpty() ? "models" : String.join(".", parts);
	}

	/** The text of a new file of a kind in a package. */
	public static String text(Kind kind, String fileName, String packageName) {
		return "package " + packageName + "\n\n" + text(kind, fileName);
	}

	/** The declarations of a new file of a kind. */
	public static String text(Kind kind, String fileName) {
		String n = baseName(fileName);
		String classifier = """
				/** A small classifier of 28x28 grey images. */
				network %1$s {
				    input image: [1, 28, 28]
				    image -> flatten()
				          -> dense(128, activation: relu)
				          -> dense(10, activation: softmax) as digits
				    output digits
				}
				""".formatted(n);
		return switch (kind) {
		case NETWORK -> classifier;
		case TRAINING -> classifier + """

				training Train%1$s {
				    model: %1$s
				    data: mnist(split: train)
				    validation: mnist(split: test)
				    loss: cross_entropy
				    optimizer: adam(lr: 1e-3)
				    batch: 64
				    epochs: 2
				    metrics: accuracy
				    seed: 1
				}
				""".formatted(n);
		case AUTOENCODER -> """
				network %1$sEncoder {
				    input image: [1, 28, 28]
				    image -> flatten() -> dense(128, activation: relu) -> dense(16, activation: relu) as code
				    output code
				}

				network %1$sDecoder {
				    input code: [16]
				    code -> dense(128, activation: relu) -> dense(784, activation: sigmoid) -> reshape([1, 28, 28]) as image
				    output image
				}

				/** Learns to reproduce its input through a 16-number code. */
				autoencoder %1$s {
				    encoder: %1$sEncoder
				    decoder: %1$sDecoder
				}

				training Train%1$s {
				    model: %1$s
				    data: mnist(split: train)
				    optimizer: adam(lr: 1e-3)
				    batch: 64
				    epochs: 2
				    seed: 1
				}
				""".formatted(n);
		case GAN -> """
				network %1$sGenerator {
				    input noise: [64]
				    noise -> dense(256, activation: leakyrelu(0.2))
				          -> dense(784, activation: sigmoid)
				          -> reshape([1, 28, 28]) as image
				    output image
				}

				network %1$sDiscriminator {
				    input image: [1, 28, 28]
				    image -> flatten()
				          -> dense(256, activation: leakyrelu(0.2))
				          -> dense(1, activation: sigmoid) as real
				    output real
				}

				gan %1$s {
				    generator: %1$sGenerator
				    discriminator: %1$sDiscriminator
				    noise: normal([64])
				}

				training Train%1$s {
				    model: %1$s
				    data: mnist(split: train)
				    optimizer: adam(lr: 2e-4, beta1: 0.5)
				    batch: 64
				    epochs: 2
				    seed: 1
				}
				""".formatted(n);
		};
	}
}
