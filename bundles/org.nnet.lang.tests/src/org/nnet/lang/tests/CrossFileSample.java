package org.nnet.lang.tests;

/** Two .nnet files of one package, the second using the first's network: for navigation and rename tests. */
public final class CrossFileSample {

	/** {@code a.nnet}: the network {@code Encoder} (declared on line 4; its input on line 5). */
	public static final String ENCODER = """
			package cross

			/** Squeezes 8 features into 4. */
			network Encoder {
			    input x: [8]
			    x -> dense(4, activation: relu) as code
			    output code
			}
			""";

	/** {@code b.nnet}: {@code Encoder} used on lines 5, 11 and 12; {@code Twice} declared on line 9. */
	public static final String USES = """
			package cross

			network Uses {
			    input z: [8]
			    z -> Encoder as e -> dense(2)
			    output e
			}

			network Twice {
			    input z: [8]
			    z -> Encoder as e
			    z -> Encoder as f
			    output e
			}
			""";

	private CrossFileSample() {
	}
}
