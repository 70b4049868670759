package org.nnet.core.tests;

import org.nnet.lang.tests.NnetInjectorProvider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnet.model.NnetPackage.Literals.ARGUMENT;
import static org.nnet.model.NnetPackage.Literals.AUTOENCODER;
import static org.nnet.model.NnetPackage.Literals.BINARY_EXPRESSION;
import static org.nnet.model.NnetPackage.Literals.DIM;
import static org.nnet.model.NnetPackage.Literals.GAN;
import static org.nnet.model.NnetPackage.Literals.IMPORT;
import static org.nnet.model.NnetPackage.Literals.INPUT;
import static org.nnet.model.NnetPackage.Literals.LAYER_STEP;
import static org.nnet.model.NnetPackage.Literals.MODEL;
import static org.nnet.model.NnetPackage.Literals.NETWORK;
import static org.nnet.model.NnetPackage.Literals.NUMBER_LITERAL;
import static org.nnet.model.NnetPackage.Literals.OUTPUT;
import static org.nnet.model.NnetPackage.Literals.PARAMETER;
import static org.nnet.model.NnetPackage.Literals.PROPERTY;
import static org.nnet.model.NnetPackage.Literals.REPEAT_STEP;
import static org.nnet.model.NnetPackage.Literals.STRING_LITERAL;
import static org.nnet.model.NnetPackage.Literals.SYMBOL_REF;
import static org.nnet.model.NnetPackage.Literals.TRAINING;
import static org.nnet.model.NnetPackage.Literals.UNARY_MINUS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.core.IssueCodes;
import org.nnet.core.Problem;
import org.nnet.core.catalog.ArgType;
import org.nnet.core.inference.ShapeInference;
import org.nnet.lang.validation.NnetLinkingDiagnosticMessages;
import org.nnet.lang.validation.NnetValidator;
import org.nnet.model.Chain;
import org.nnet.model.Model;
import org.nnet.model.Network;
import org.nnet.model.NnetFactory;
import org.nnet.model.impl.NetworkImpl;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * One test named after each issue code (see {@link IssueCodesCoverageTest}): a small file that
 * raises it, asserted through the validator as the editor shows it (the object it is on, the code,
 * the sentence and the quick-fix data), and where it helps, a file that does not raise it.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(NnetInjectorProvider.class)
public class ValidationRulesTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private ValidationTestHelper validator;

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	/** Two networks every composite test below builds on: [1, 28, 28] -> [32] -> [1, 28, 28]. */
	private static final String ENCODER_DECODER = """
			network Enc {
			    input image: [1, 28, 28]
			    image -> flatten() -> dense(32, activation: relu) as code
			    output code
			}
			network Dec {
			    input code: [32]
			    code -> dense(784, activation: sigmoid) -> reshape([1, 28, 28]) as image
			    output image
			}
			""";

	/** A generator from [100] to [1, 28, 28] and a discriminator from there to [1]. */
	private static final String GENERATOR_DISCRIMINATOR = """
			network G {
			    input noise: [100]
			    noise -> dense(784, activation: sigmoid) -> reshape([1, 28, 28]) as image
			    output image
			}
			network D {
			    input image: [1, 28, 28]
			    image -> flatten() -> dense(1, activation: sigmoid) as real
			    output real
			}
			""";

	/** A digit classifier that fits mnist. */
	private static final String CLASSIFIER = """
			network Classifier {
			    input image: [1, 28, 28]
			    image -> flatten() -> dense(10, activation: softmax) as digits
			    output digits
			}
			""";

	// ======== shapes of layers

	@Test
	void insertFlatten() {
		Model m = parse("""
				network Net {
				    input x: [16, 5, 5]
				    x -> dense(10) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.INSERT_FLATTEN,
				"dense expects a flat input but gets [16, 5, 5]: insert flatten() before it", "dense");
		assertCodes(m, IssueCodes.INSERT_FLATTEN);
	}

	@Test
	void insertFlattenBeforeGaussian() {
		Model m = parse("""
				network Net {
				    input x: [4, 2, 2]
				    x -> gaussian(2) as z
				    output z
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.INSERT_FLATTEN, "gaussian expects a flat input but gets [4, 2, 2]",
				"gaussian");
	}

	@Test
	void insertFlattenNotNeededAfterFlatten() {
		validator.assertNoIssues(parse("""
				network Net {
				    input x: [16, 5, 5]
				    x -> flatten() -> dense(10) as y
				    output y
				}
				"""));
	}

	@Test
	void insertEmbedding() {
		Model m = parse("""
				network Net {
				    input x: [10] of token(vocab: 50)
				    x -> lstm(4) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.INSERT_EMBEDDING,
				"lstm needs numbers but gets token ids [10] of token(vocab: 50): insert embedding(50, dim: 32) before it", "50");
		assertCodes(m, IssueCodes.INSERT_EMBEDDING);
	}

	@Test
	void embeddingNeedsTokens() {
		Model m = parse("""
				network Net {
				    input x: [10, 4]
				    x -> embedding(50, dim: 8) as e
				    output e
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.EMBEDDING_NEEDS_TOKENS,
				"embedding needs token ids [time] of token(vocab: N) but gets [10, 4]");
		assertCodes(m, IssueCodes.EMBEDDING_NEEDS_TOKENS);
	}

	@Test
	void vocabTooSmall() {
		Model m = parse("""
				network Net {
				    input x: [10] of token(vocab: 50)
				    x -> embedding(40, dim: 8) as e
				    output e
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.VOCAB_TOO_SMALL,
				"embedding has a vocab of 40 but its input has tokens up to 50: use embedding(50, ...)", "50");
		assertCodes(m, IssueCodes.VOCAB_TOO_SMALL);
	}

	@Test
	void vocabTooSmallNotForALargerVocab() {
		validator.assertNoIssues(parse("""
				network Net {
				    input x: [10] of token(vocab: 50)
				    x -> embedding(60, dim: 8) as e
				    output e
				}
				"""));
	}

	@Test
	void wrongRank() {
		Model m = parse("""
				network Net {
				    input x: [10]
				    input y: [3, 8, 8]
				    x -> conv2d(4, kernel: 3) as c
				    y -> lstm(4) as l
				    output c, l
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.WRONG_RANK,
				"conv2d expects an image [channels, height, width] but gets [10]", "3", "1");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.WRONG_RANK, "lstm expects a sequence [time, features] but gets [3, 8, 8]",
				"2", "3");
		assertCodes(m, IssueCodes.WRONG_RANK);
	}

	@Test
	void wrongRankOfAVariationalCode() {
		Model m = parse("""
				network Enc {
				    input image: [1, 28, 28]
				    image -> conv2d(2, kernel: 1) as code
				    output code
				}
				network Dec {
				    input z: [2]
				    z -> dense(784) -> reshape([1, 28, 28]) as image
				    output image
				}
				autoencoder Vae {
				    encoder: Enc
				    decoder: Dec
				    kind: variational
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.WRONG_RANK,
				"A variational autoencoder needs a flat code [f] from its encoder, but Enc gives [2, 28, 28]", "1", "3");
	}

	@Test
	void channelMismatch() {
		Model m = parse("""
				network Block {
				    input x: [3, 8, 8]
				    x -> conv2d(4, kernel: 3) as y
				    output y
				}
				network Net {
				    input x: [1, 8, 8]
				    x -> Block as b
				    output b
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.CHANNEL_MISMATCH,
				"Block takes 3 channels but gets [1, 8, 8]: insert conv2d(3, kernel: 1) before it", "3", "1");
		assertCodes(m, IssueCodes.CHANNEL_MISMATCH);
	}

	@Test
	void channelMismatchFixedByAOneByOneConvolution() {
		validator.assertNoIssues(parse("""
				network Block {
				    input x: [3, 8, 8]
				    x -> conv2d(4, kernel: 3) as y
				    output y
				}
				network Net {
				    input x: [1, 8, 8]
				    x -> conv2d(3, kernel: 1) -> Block as b
				    output b
				}
				"""));
	}

	@Test
	void shapeMismatch() {
		Model m = parse("""
				network Net {
				    input a: [8]
				    input b: [9]
				    add(a, b) as s
				    output s
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.SHAPE_MISMATCH, "add needs inputs of equal shape but gets [8] and [9]",
				"[8]", "[9]");
		assertCodes(m, IssueCodes.SHAPE_MISMATCH);
	}

	@Test
	void shapeMismatchOfANetworkStep() {
		Model m = parse("""
				network Block {
				    input x: [8]
				    x -> dense(2) as y
				    output y
				}
				network Net {
				    input x: [9]
				    x -> Block as b
				    output b
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.SHAPE_MISMATCH, "Block takes [8] but gets [9]", "[8]", "[9]");
		assertCodes(m, IssueCodes.SHAPE_MISMATCH);
	}

	@Test
	void concatMismatch() {
		Model m = parse("""
				network Net {
				    input a: [3, 8, 8]
				    input b: [3, 4, 4]
				    concat(a, b) as c
				    output c
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.CONCAT_MISMATCH,
				"concat on axis 0 needs equal sizes on the other axes but gets [3, 8, 8] and [3, 4, 4]", "0");
		assertCodes(m, IssueCodes.CONCAT_MISMATCH);
	}

	@Test
	void concatMismatchOfRanks() {
		Model m = parse("""
				network Net {
				    input a: [8]
				    input b: [2, 4]
				    concat(a, b) as c
				    output c
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.CONCAT_MISMATCH, "concat needs inputs of the same rank but gets [8] and [2, 4]",
				"0");
	}

	@Test
	void axisOutOfRange() {
		Model m = parse("""
				network Net {
				    input a: [4]
				    input b: [4]
				    concat(a, b, axis: 2) as c
				    output c
				}
				""");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.AXIS_OUT_OF_RANGE,
				"concat's axis 2 is outside inputs of rank 1 ([4] and [4]): use an axis from 0 to 0", "1");
		assertCodes(m, IssueCodes.AXIS_OUT_OF_RANGE);
	}

	@Test
	void reshapeSize() {
		Model m = parse("""
				network Net {
				    input x: [784]
				    input y: [784]
				    x -> reshape([1, 28, 27]) as a
				    y -> reshape([?, 5]) as b
				    output a, b
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.RESHAPE_SIZE,
				"reshape to [1, 28, 27] needs 756 elements but gets [784] with 784: make the products equal", "784");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.RESHAPE_SIZE, "reshape to [?, 5] cannot hold the 784 elements of [784]",
				"784");
		assertCodes(m, IssueCodes.RESHAPE_SIZE);
	}

	@Test
	void nonPositiveOutput() {
		Model m = parse("""
				network Net {
				    input x: [1, 4, 6]
				    x -> conv2d(2, kernel: 5) as c
				    output c
				}
				""");
		// height 4 - 4 - 1 + 1 = 0 (axis 1); width 6 - 4 - 1 + 1 = 2 is fine
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.NON_POSITIVE_OUTPUT,
				"conv2d on [1, 4, 6] gives a height of 0 (kernel 5, stride 1, padding 0): use padding: same", "1", "0");
		assertCodes(m, IssueCodes.NON_POSITIVE_OUTPUT);
	}

	@Test
	void nonPositiveOutputFixedBySamePadding() {
		validator.assertNoIssues(parse("""
				network Net {
				    input x: [1, 4, 6]
				    x -> conv2d(2, kernel: 5, padding: same) as c
				    output c
				}
				"""));
	}

	@Test
	void attentionDims() {
		Model m = parse("""
				network Net {
				    input x: [10]
				    x -> attention(heads: 1, key_dim: 4) as a
				    output a
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.ATTENTION_DIMS,
				"attention needs sequences [time, features], but its input is [10]");
		assertCodes(m, IssueCodes.ATTENTION_DIMS);
	}

	@Test
	void wrongInputs() {
		Model m = parse("""
				network Net {
				    input a: [4]
				    input b: [4, 4]
				    add(a) as s
				    attention(b, b, b, heads: 1, key_dim: 2) as t
				    output s, t
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.WRONG_INPUTS, "add needs at least two inputs: write add(a, b, ...)");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.WRONG_INPUTS,
				"attention takes one input (self-attention) or a query and a context, not 3");
		assertCodes(m, IssueCodes.WRONG_INPUTS);
	}

	@Test
	void wrongInputsThatAreNotNodes() {
		Model m = parse("""
				network Net {
				    input a: [4]
				    input b: [4]
				    concat(a, b, 3) as c
				    output c
				}
				""");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.WRONG_INPUTS, "concat takes nodes as its positional arguments, and 3 is not a node");
	}

	// ======== arguments and values

	@Test
	void unknownArgument() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(10, activaton: relu) -> dense(2, colour: 1) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.UNKNOWN_ARGUMENT, "dense has no argument 'activaton': did you mean activation?",
				"activaton", "activation");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.UNKNOWN_ARGUMENT,
				"dense has no argument 'colour': it takes units, activation, bias, init", "colour", "");
		assertCodes(m, IssueCodes.UNKNOWN_ARGUMENT);
	}

	@Test
	void unknownArgumentOfANetworkStep() {
		Model m = parse("""
				network Block(units: int) {
				    input x: [4]
				    x -> dense(units) as y
				    output y
				}
				network Net {
				    input x: [4]
				    x -> Block(unit: 5, units: 5) as b
				    output b
				}
				""");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.UNKNOWN_ARGUMENT, "Block has no parameter 'unit': did you mean units?", "unit",
				"units");
	}

	@Test
	void wrongArgumentType() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(2.5) -> dense(4, activation: 3) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.WRONG_ARGUMENT_TYPE, "units of dense takes an integer, not 2.5", "units",
				ArgType.INT.description());
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.WRONG_ARGUMENT_TYPE, "activation of dense takes an activation", "activation",
				ArgType.ACTIVATION.description());
		assertCodes(m, IssueCodes.WRONG_ARGUMENT_TYPE);
	}

	@Test
	void wrongArgumentTypeOfANetworkParameter() {
		Model m = parse("""
				network Block(units: int) {
				    input x: [4]
				    x -> dense(units) as y
				    output y
				}
				network Net {
				    input x: [4]
				    x -> Block("ten") as b
				    output b
				}
				""");
		assertIssue(m, Severity.ERROR, STRING_LITERAL, IssueCodes.WRONG_ARGUMENT_TYPE, "units of Block takes an integer, not \"ten\"", "units",
				ArgType.INT.description());
	}

	@Test
	void outOfRange() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dropout(1.5) -> dense(0) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.OUT_OF_RANGE, "rate of dropout must be in [0, 1), not 1.5", "rate",
				"in [0, 1)");
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.OUT_OF_RANGE, "units of dense must be greater than 0, not 0", "units",
				"greater than 0");
		assertCodes(m, IssueCodes.OUT_OF_RANGE);
	}

	@Test
	void outOfRangeNotAtTheInclusiveBound() {
		validator.assertNoIssues(parse("""
				network Net {
				    input x: [4]
				    x -> dropout(0) -> dense(1) as y
				    output y
				}
				"""));
	}

	@Test
	void missingArgument() {
		Model m = parse("""
				network Net {
				    input x: [1, 8, 8]
				    x -> conv2d(8) as c
				    output c
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.MISSING_ARGUMENT, "conv2d needs kernel: add kernel: 3", "kernel", "3");
		assertCodes(m, IssueCodes.MISSING_ARGUMENT);
	}

	@Test
	void missingArgumentOfANetworkStep() {
		Model m = parse("""
				network Block(units: int) {
				    input x: [4]
				    x -> dense(units) as y
				    output y
				}
				network Net {
				    input x: [4]
				    x -> Block as b
				    output b
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.MISSING_ARGUMENT, "Block needs units: add units: 64", "units", "64");
	}

	@Test
	void tooManyPositional() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(10, 20) -> flatten(2) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.TOO_MANY_POSITIONAL,
				"dense takes one positional argument (units): write the others as name: value", "1");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.TOO_MANY_POSITIONAL, "flatten takes no positional argument", "0");
		assertCodes(m, IssueCodes.TOO_MANY_POSITIONAL);
	}

	@Test
	void tooManyPositionalForANetworkStep() {
		Model m = parse("""
				network Block(units: int) {
				    input x: [4]
				    x -> dense(units) as y
				    output y
				}
				network Net {
				    input x: [4]
				    x -> Block(1, 2) as b
				    output b
				}
				""");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.TOO_MANY_POSITIONAL, "Block takes 1 argument(s) (units): remove this one", "1");
	}

	@Test
	void duplicateArgument() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(10, units: 20) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, ARGUMENT, IssueCodes.DUPLICATE_ARGUMENT, "units is given twice: remove one", "units");
		assertCodes(m, IssueCodes.DUPLICATE_ARGUMENT);
	}

	@Test
	void numberTooLarge() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(99999999999999999999) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.NUMBER_TOO_LARGE, "This number is too large to compute with");
	}

	@Test
	void numberTooLargeForAParameterCount() {
		Model m = parse("""
				network Net {
				    input x: [4000000000]
				    x -> dense(4000000000) as y
				    output y
				}
				""");
		// 4e9 * 4e9 = 1.6e19 overflows a long: a warning, the count becomes unknown
		assertIssue(m, Severity.WARNING, LAYER_STEP, IssueCodes.NUMBER_TOO_LARGE, "The parameter count of this dense is too large to compute");
		assertCodes(m, IssueCodes.NUMBER_TOO_LARGE);
	}

	@Test
	void divisionByZero() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(10 / 0) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, BINARY_EXPRESSION, IssueCodes.DIVISION_BY_ZERO, "Division by zero: divide by a number other than 0");
		assertCodes(m, IssueCodes.DIVISION_BY_ZERO);
	}

	@Test
	void badDimension() {
		Model m = parse("""
				network Net(f: float) {
				    input x: [0, 4]
				    input y: [2.5]
				    input z: [f]
				    add(x, x) as a
				    y -> dense(1) as b
				    z -> dense(1) as c
				    output a, b, c
				}
				""");
		assertIssue(m, Severity.ERROR, DIM, IssueCodes.BAD_DIMENSION, "A dimension must be a positive integer or ?, not 0");
		assertIssue(m, Severity.ERROR, DIM, IssueCodes.BAD_DIMENSION, "not 2.5: write a size like 28");
		assertIssue(m, Severity.ERROR, DIM, IssueCodes.BAD_DIMENSION, "but this parameter is a number: declare it as int");
		assertCodes(m, IssueCodes.BAD_DIMENSION);
	}

	// ======== chains and networks

	@Test
	void notALayer() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> relu as y
				    x -> mnist as z
				    output y, z
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.NOT_A_LAYER, "relu is an activation, not a layer: write activation(relu)",
				"relu", "activation(relu)");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.NOT_A_LAYER, "mnist is", "mnist", "");
		assertCodes(m, IssueCodes.NOT_A_LAYER);
	}

	@Test
	void chainStart() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    dense(4) as y
				    x -> dense(2) as z
				    output y, z
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.CHAIN_START,
				"This step has no input: a chain starts at an input or a named node, e.g. x -> ...", "x");
		assertCodes(m, IssueCodes.CHAIN_START);
	}

	@Test
	void midChainReference() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(4) as a
				    x -> a as b
				    output a, b
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.MID_CHAIN_REFERENCE,
				"a is a node, and a chain can only start at a node: start a new chain a -> ... or use a layer here", "a");
		assertCodes(m, IssueCodes.MID_CHAIN_REFERENCE);
	}

	@Test
	void cycle() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    add(x, b) -> dense(4) as a
				    a -> dense(4) as b
				    output a
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.CYCLE,
				"The named nodes form a cycle through a: a node cannot depend on itself, break the cycle", "a");
		assertCodes(m, IssueCodes.CYCLE);
	}

	@Test
	void cycleWithinOneChain() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    add(x, y) -> dense(4) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.CYCLE, "y is used before it is computed, in its own chain", "y");
		assertCodes(m, IssueCodes.CYCLE);
	}

	@Test
	void foreignNode() {
		Model m = parse("""
				network Other {
				    input x: [4]
				    x -> dense(4) as y
				    output y
				}
				network Net {
				    input x: [4]
				    add(x, Other.y) as z
				    output z
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.FOREIGN_NODE, "y is a node of another network: use a node of Net", "y");
		assertCodes(m, IssueCodes.FOREIGN_NODE);
	}

	@Test
	void networkNotSingleIo() {
		Model m = parse("""
				network Two {
				    input a: [4]
				    input b: [4]
				    add(a, b) as s
				    output s
				}
				network Net {
				    input x: [4]
				    x -> Two as t
				    output t
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.NETWORK_NOT_SINGLE_IO,
				"Two has 2 input(s) and 1 output(s); a network used as a step needs exactly one of each", "Two");
		assertCodes(m, IssueCodes.NETWORK_NOT_SINGLE_IO);
	}

	@Test
	void networkNotSingleIoAsAnEncoder() {
		Model m = parse("""
				network Two {
				    input a: [4]
				    input b: [4]
				    add(a, b) as s
				    output s
				}
				network Dec {
				    input s: [4]
				    s -> dense(4) as y
				    output y
				}
				autoencoder AE {
				    encoder: Two
				    decoder: Dec
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.NETWORK_NOT_SINGLE_IO,
				"The encoder Two has 2 input(s) and 1 output(s): a encoder needs exactly one of each", "Two");
	}

	@Test
	void recursiveNetwork() {
		Model m = parse("""
				network Loop {
				    input x: [4]
				    x -> dense(4) -> Loop as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.RECURSIVE_NETWORK,
				"Loop uses itself as a step: a network cannot contain itself", "Loop");
		assertCodes(m, IssueCodes.RECURSIVE_NETWORK);
	}

	@Test
	void recursiveNetworkThroughAnother() {
		Model m = parse("""
				network A {
				    input x: [4]
				    x -> B as y
				    output y
				}
				network B {
				    input x: [4]
				    x -> A as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.RECURSIVE_NETWORK,
				"B uses A again through its steps: networks cannot use each other in a cycle", "B");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.RECURSIVE_NETWORK,
				"A uses B again through its steps: networks cannot use each other in a cycle", "A");
	}

	@Test
	void numberTooLargeForTheRuntimesArrays() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(1000000000) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.NUMBER_TOO_LARGE,
				"This dense has 5,000,000,000 parameters, more than the 2,147,483,647 numbers an array of the runtime can hold");
		assertCodes(m, IssueCodes.NUMBER_TOO_LARGE);
	}

	@Test
	void reservedPackage() {
		Model m = parse("""
				package java.util
				network Net {
				    input x: [4]
				    x -> dense(4) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, MODEL, NnetValidator.RESERVED_PACKAGE,
				"The package java.util belongs to the JDK, and Java refuses a program declared in it", "java.util");
		assertCodes(m, NnetValidator.RESERVED_PACKAGE);
	}

	@Test
	void shadowsBuiltin() {
		Model m = parse("""
				network dense {
				    input x: [4]
				    x -> relu as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, NETWORK, NnetValidator.SHADOWS_BUILTIN, "'dense' is the name of a built-in", "dense");
	}

	@Test
	void networkStepFails() {
		Model m = parse("""
				network Shrink {
				    input x: [1, ?, ?]
				    x -> conv2d(1, kernel: 5) as y
				    output y
				}
				network Net {
				    input x: [1, 3, 8]
				    x -> Shrink as s
				    output s
				}
				""");
		// on its own Shrink is fine; on [1, 3, 8] its height is 3 - 4 - 1 + 1 = -1
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.NETWORK_STEP_FAILS,
				"Shrink fails on [1, 3, 8]: conv2d on [1, 3, 8] gives a height of -1", "Shrink", IssueCodes.NON_POSITIVE_OUTPUT);
		assertCodes(m, IssueCodes.NETWORK_STEP_FAILS);
	}

	@Test
	void unknownParameterType() {
		Model m = parse("""
				network Net(rate: flot, size: tensor) {
				    input x: [4]
				    x -> dropout(rate) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, PARAMETER, IssueCodes.UNKNOWN_PARAMETER_TYPE, "Unknown parameter type 'flot': did you mean float?",
				"flot", "float");
		assertIssue(m, Severity.ERROR, PARAMETER, IssueCodes.UNKNOWN_PARAMETER_TYPE,
				"Unknown parameter type 'tensor': use one of int, float, bool, string, shape, activation, initializer, padding", "tensor", "");
		assertCodes(m, IssueCodes.UNKNOWN_PARAMETER_TYPE);
	}

	@Test
	void missingOutput() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(2)
				}
				""");
		assertIssue(m, Severity.ERROR, NETWORK, IssueCodes.MISSING_OUTPUT,
				"Net has no output: add 'output dense_1' and name the last step of its chain with 'as dense_1'", "dense_1", "true", "0");
		assertCodes(m, IssueCodes.MISSING_OUTPUT);
	}

	@Test
	void missingOutputOfANamedNode() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(4) as h
				    h -> dense(2) as y
				}
				""");
		assertIssue(m, Severity.ERROR, NETWORK, IssueCodes.MISSING_OUTPUT, "Net has no output: add 'output y'", "y", "false", "1");
	}

	@Test
	void missingOutputOfAnEmptyNetwork() {
		Model m = parse("""
				network Net {
				    input x: [4]
				}
				""");
		assertIssue(m, Severity.ERROR, NETWORK, IssueCodes.MISSING_OUTPUT, "Net has no output: add chains and an 'output' line", "", "false",
				"-1");
	}

	/**
	 * An output names a node by its simple name, so a node of another network only gets there
	 * through an import; imports are for declarations, so the import is reported as well.
	 */
	@Test
	void badOutput() {
		Model m = parse("""
				import Other.y
				network Other {
				    input x: [4]
				    x -> dense(4) as y
				    output y
				}
				network Net {
				    input x: [4]
				    x -> dense(4) as z
				    output z, y
				}
				""");
		assertIssue(m, Severity.ERROR, OUTPUT, IssueCodes.BAD_OUTPUT, "y is not a node of Net: output a node of this network");
		assertCodes(m, IssueCodes.BAD_OUTPUT, NnetValidator.UNRESOLVED_IMPORT);
	}

	@Test
	void unusedInput() {
		Model m = parse("""
				network Net {
				    input a: [4]
				    input b: [4]
				    a -> dense(2) as y
				    output y
				}
				""");
		assertIssue(m, Severity.WARNING, INPUT, IssueCodes.UNUSED_INPUT, "The input b is not used: start a chain at it or remove it", "b");
		assertCodes(m, IssueCodes.UNUSED_INPUT);
	}

	@Test
	void unusedNode() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(4) as a
				    x -> dense(3)
				    x -> dense(2) as b
				    output b
				}
				""");
		assertIssue(m, Severity.WARNING, LAYER_STEP, IssueCodes.UNUSED_NODE,
				"The node a is not used: add it to output or start a chain at it", "a");
		assertIssue(m, Severity.WARNING, LAYER_STEP, IssueCodes.UNUSED_NODE,
				"The result of this chain is not used: name it with 'as' and add it to output, or remove the chain", "");
		assertCodes(m, IssueCodes.UNUSED_NODE);
	}

	@Test
	void unusedNodeNotWhenAnotherChainStartsAtIt() {
		validator.assertNoIssues(parse("""
				network Net {
				    input x: [4]
				    x -> dense(4) as a
				    a -> dense(2) as b
				    output b
				}
				"""));
	}

	@Test
	void repeatCount() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> repeat(0) { dense(4) } as y -> repeat(1.5) { dense(4) } as z
				    output z
				}
				""");
		assertIssue(m, Severity.ERROR, REPEAT_STEP, IssueCodes.REPEAT_COUNT, "A repeat count is a positive integer, not 0");
		assertIssue(m, Severity.ERROR, REPEAT_STEP, IssueCodes.REPEAT_COUNT, "A repeat count is a positive integer, not 1.5");
		assertCodes(m, IssueCodes.REPEAT_COUNT);
	}

	@Test
	void namedStepInRepeat() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> repeat(2) { dense(4) as h } as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, IssueCodes.NAMED_STEP_IN_REPEAT,
				"A step inside repeat cannot be named, since its copies would share the name h", "h");
		assertCodes(m, IssueCodes.NAMED_STEP_IN_REPEAT);
	}

	@Test
	void repeatTooLarge() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> repeat(100001) { dropout(0.1) } as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, REPEAT_STEP, IssueCodes.REPEAT_TOO_LARGE,
				"This repeat expands to more than 100000 layers, more than inference follows", "100000");
	}

	/**
	 * No text makes inference throw (that is what the robustness tests hunt for), so this code is
	 * tested on a network whose model object throws: the guard turns it into the problem.
	 */
	@Test
	void internalError() {
		Network broken = new NetworkImpl() {
			@Override
			public EList<Chain> getChains() {
				throw new IllegalStateException("broken model");
			}
		};
		broken.setName("Broken");
		broken.getInputs().add(NnetFactory.eINSTANCE.createInput());
		List<Problem> problems = new ShapeInference().check(broken);
		assertEquals(1, problems.size(), problems::toString);
		Problem p = problems.get(0);
		assertEquals(IssueCodes.INTERNAL_ERROR, p.code());
		assertTrue(p.isError());
		assertEquals(broken, p.object());
		assertTrue(p.message().contains("Shape inference stopped on this declaration (IllegalStateException)"), p.message());
		assertArrayEquals(new String[0], p.data());
	}

	// ======== composites and trainings

	@Test
	void missingProperty() {
		Model m = parse(ENCODER_DECODER + GENERATOR_DISCRIMINATOR + """
				autoencoder AE {
				    encoder: Enc
				}
				gan Pair {
				    generator: G
				    discriminator: D
				}
				training T {
				    model: AE
				}
				""");
		assertIssue(m, Severity.ERROR, AUTOENCODER, IssueCodes.MISSING_PROPERTY, "AE needs decoder", "decoder", "");
		// the fix proposes noise of the generator's input shape
		assertIssue(m, Severity.ERROR, GAN, IssueCodes.MISSING_PROPERTY, "Pair needs noise", "noise", "normal([100])");
		assertIssue(m, Severity.ERROR, TRAINING, IssueCodes.MISSING_PROPERTY, "T needs data", "data", "mnist(split: train)");
		assertCodes(m, IssueCodes.MISSING_PROPERTY);
	}

	@Test
	void unknownProperty() {
		Model m = parse(CLASSIFIER + """
				training T {
				    model: Classifier
				    data: mnist
				    epoch: 3
				}
				""");
		assertIssue(m, Severity.ERROR, PROPERTY, IssueCodes.UNKNOWN_PROPERTY, "A training has no key 'epoch': did you mean epochs?", "epoch",
				"epochs");
		assertCodes(m, IssueCodes.UNKNOWN_PROPERTY);
	}

	@Test
	void duplicateProperty() {
		Model m = parse(CLASSIFIER + """
				training T {
				    model: Classifier
				    data: mnist
				    batch: 32
				    batch: 64
				}
				""");
		assertIssue(m, Severity.ERROR, PROPERTY, IssueCodes.DUPLICATE_PROPERTY, "batch is given twice: remove one", "batch");
		assertCodes(m, IssueCodes.DUPLICATE_PROPERTY);
	}

	@Test
	void wrongPropertyValue() {
		Model m = parse(CLASSIFIER + """
				training T {
				    model: mnist
				    data: mnist
				}
				training U {
				    model: Classifier
				    data: mnist
				    loss: adam
				    batch: 32, 64
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.WRONG_PROPERTY_VALUE,
				"model takes a network, an autoencoder or a gan, not mnist: name one", "model", "network, autoencoder or gan");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.WRONG_PROPERTY_VALUE, "loss takes a loss", "loss", "loss");
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.WRONG_PROPERTY_VALUE, "batch takes one value: remove the others", "batch",
				"one value");
		assertCodes(m, IssueCodes.WRONG_PROPERTY_VALUE);
	}

	@Test
	void autoencoderRoundTrip() {
		Model m = parse("""
				network Enc {
				    input image: [1, 28, 28]
				    image -> flatten() -> dense(32) as code
				    output code
				}
				network Dec {
				    input code: [32]
				    code -> dense(784, activation: sigmoid) as flat
				    output flat
				}
				autoencoder AE {
				    encoder: Enc
				    decoder: Dec
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.AUTOENCODER_ROUND_TRIP,
				"The decoder Dec gives [784] but the encoder Enc takes [1, 28, 28]: an autoencoder's decoder must give back the encoder's input shape",
				"[1, 28, 28]", "[784]");
		assertCodes(m, IssueCodes.AUTOENCODER_ROUND_TRIP);
	}

	@Test
	void autoencoderRoundTripThatFits() {
		validator.assertNoIssues(parse(ENCODER_DECODER + """
				autoencoder AE {
				    encoder: Enc
				    decoder: Dec
				    kind: denoising(noise: 0.2)
				}
				"""));
	}

	@Test
	void decoderInputMismatch() {
		Model m = parse("""
				network Enc {
				    input x: [784]
				    x -> dense(32) as code
				    output code
				}
				network Dec {
				    input code: [16]
				    code -> dense(784) as y
				    output y
				}
				autoencoder AE {
				    encoder: Enc
				    decoder: Dec
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.DECODER_INPUT_MISMATCH,
				"The decoder Dec takes [16] but the encoder Enc gives a code of [32]: make the decoder's input [32]", "[32]", "[16]");
		assertCodes(m, IssueCodes.DECODER_INPUT_MISMATCH);
	}

	@Test
	void generatorInputMismatch() {
		Model m = parse(GENERATOR_DISCRIMINATOR + """
				gan Pair {
				    generator: G
				    discriminator: D
				    noise: normal([64])
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.GENERATOR_INPUT_MISMATCH,
				"The generator G takes [100] but the noise is [64]: make the noise [100]", "[100]", "[64]");
		assertCodes(m, IssueCodes.GENERATOR_INPUT_MISMATCH);
	}

	@Test
	void ganShapeMismatch() {
		Model m = parse("""
				network G {
				    input noise: [100]
				    noise -> dense(784, activation: sigmoid) as flat
				    output flat
				}
				network D {
				    input image: [1, 28, 28]
				    image -> flatten() -> dense(1, activation: sigmoid) as real
				    output real
				}
				gan Pair {
				    generator: G
				    discriminator: D
				    noise: normal([100])
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.GAN_SHAPE_MISMATCH,
				"The generator G gives [784] but the discriminator D takes [1, 28, 28]: make them agree", "[784]", "[1, 28, 28]");
		assertCodes(m, IssueCodes.GAN_SHAPE_MISMATCH);
	}

	@Test
	void ganShapeMismatchNotForAMatchingPair() {
		validator.assertNoIssues(parse(GENERATOR_DISCRIMINATOR + """
				gan Pair {
				    generator: G
				    discriminator: D
				    noise: uniform([100])
				}
				"""));
	}

	@Test
	void discriminatorOutput() {
		Model m = parse("""
				network G {
				    input noise: [100]
				    noise -> dense(16) as sample
				    output sample
				}
				network D {
				    input sample: [16]
				    sample -> dense(2, activation: softmax) as verdict
				    output verdict
				}
				gan Pair {
				    generator: G
				    discriminator: D
				    noise: normal([100])
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.DISCRIMINATOR_OUTPUT,
				"The discriminator D must end in one value [1] but gives [2]: end it with dense(1, activation: sigmoid)", "[2]");
		assertCodes(m, IssueCodes.DISCRIMINATOR_OUTPUT);
	}

	@Test
	void notPositiveInteger() {
		Model m = parse(CLASSIFIER + """
				training T {
				    model: Classifier
				    data: mnist
				    batch: 0
				    epochs: 2.5
				    seed: -1
				}
				""");
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.NOT_POSITIVE_INTEGER, "batch is a positive integer, not 0", "batch");
		assertIssue(m, Severity.ERROR, NUMBER_LITERAL, IssueCodes.NOT_POSITIVE_INTEGER, "epochs is a positive integer, not 2.5", "epochs");
		assertIssue(m, Severity.ERROR, UNARY_MINUS, IssueCodes.NOT_POSITIVE_INTEGER, "seed is an integer of at least 0, not -1", "seed");
		assertCodes(m, IssueCodes.NOT_POSITIVE_INTEGER);
	}

	@Test
	void ganOnly() {
		Model m = parse(CLASSIFIER + """
				training T {
				    model: Classifier
				    data: mnist
				    discriminator_steps: 2
				}
				""");
		assertIssue(m, Severity.ERROR, PROPERTY, IssueCodes.GAN_ONLY,
				"discriminator_steps applies to a gan, and this model is a network: remove it", "discriminator_steps");
		assertCodes(m, IssueCodes.GAN_ONLY);
	}

	@Test
	void dataDoesNotFit() {
		Model m = parse("""
				network Flat {
				    input x: [784]
				    x -> dense(10, activation: softmax) as digits
				    output digits
				}
				training T {
				    model: Flat
				    data: mnist(split: train)
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.DATA_DOES_NOT_FIT,
				"The field image [1, 28, 28] of mnist does not fit the input x [784]: change the input's shape to [1, 28, 28] or use other data",
				"image", "[1, 28, 28]", "x", "[784]");
		assertCodes(m, IssueCodes.DATA_DOES_NOT_FIT);
	}

	@Test
	void dataDoesNotFitTheGanSamples() {
		Model m = parse(GENERATOR_DISCRIMINATOR + """
				gan Pair {
				    generator: G
				    discriminator: D
				    noise: normal([100])
				}
				training T {
				    model: Pair
				    data: moby_dick(window: 20)
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.DATA_DOES_NOT_FIT, "does not fit the input sample [1, 28, 28]", "text",
				"[20] of token(vocab: 128)", "sample", "[1, 28, 28]");
	}

	@Test
	void dataDoesNotFitNotForMatchingData() {
		validator.assertNoIssues(parse(CLASSIFIER + """
				training T {
				    model: Classifier
				    data: mnist(split: train)
				    validation: mnist(split: test)
				    loss: cross_entropy
				    metrics: accuracy
				}
				"""));
	}

	@Test
	void lossDoesNotFit() {
		Model m = parse("""
				network Sig {
				    input image: [1, 28, 28]
				    image -> flatten() -> dense(10, activation: sigmoid) as digits
				    output digits
				}
				network Soft {
				    input image: [1, 28, 28]
				    image -> flatten() -> dense(5, activation: softmax) as digits
				    output digits
				}
				training T {
				    model: Sig
				    data: mnist
				    loss: cross_entropy
				}
				training U {
				    model: Soft
				    data: mnist
				    loss: binary_cross_entropy
				}
				training V {
				    model: Soft
				    data: mnist
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.LOSS_DOES_NOT_FIT,
				"cross_entropy needs class probabilities, but digits ends in sigmoid: use activation: softmax on the last layer", "");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.LOSS_DOES_NOT_FIT,
				"binary_cross_entropy needs outputs in (0, 1), but digits ends in softmax", "cross_entropy");
		// the default loss of a classifier on labelled data is cross_entropy: 5 outputs for 10 classes
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.LOSS_DOES_NOT_FIT,
				"cross_entropy compares digits [5] with 10 classes, which needs [10]: end the network in dense(10, activation: softmax)", "");
		assertCodes(m, IssueCodes.LOSS_DOES_NOT_FIT);
	}

	@Test
	void lossDoesNotFitAGanOrAnAutoencoder() {
		Model m = parse(ENCODER_DECODER + GENERATOR_DISCRIMINATOR + """
				autoencoder AE {
				    encoder: Enc
				    decoder: Dec
				}
				gan Pair {
				    generator: G
				    discriminator: D
				    noise: normal([100])
				}
				training T {
				    model: AE
				    data: mnist
				    loss: cross_entropy
				}
				training U {
				    model: Pair
				    data: mnist
				    loss: mse
				}
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.LOSS_DOES_NOT_FIT,
				"cross_entropy compares class labels, and an autoencoder reconstructs its input: use mse or binary_cross_entropy", "mse");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.LOSS_DOES_NOT_FIT,
				"A gan trains with the non-saturating binary_cross_entropy loss, not mse", "binary_cross_entropy");
	}

	@Test
	void dataNotFound(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("train.nnet");
		String text = CLASSIFIER + """
				dataset Table = csv("missing.csv", label: "y")
				""";
		Model m = parse(text, URI.createFileURI(file.toString()), resourceSets.get());
		String looked = dir.resolve("missing.csv").toString();
		assertIssue(m, Severity.ERROR, STRING_LITERAL, IssueCodes.DATA_NOT_FOUND,
				"csv: \"missing.csv\" was not found; looked for " + looked + " (paths are relative to the .nnet file): fix the path",
				"missing.csv", looked);
		assertCodes(m, IssueCodes.DATA_NOT_FOUND);
	}

	@Test
	void dataNotFoundNotForAFileBesideTheModel(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("present.csv"), "a,y\n1,0\n");
		Model m = parse(CLASSIFIER + """
				dataset Table = csv("present.csv", label: "y")
				""", URI.createFileURI(dir.resolve("train.nnet").toString()), resourceSets.get());
		validator.assertNoIssues(m);
	}

	@Test
	void datasetCycle() {
		Model m = parse("""
				dataset A = B
				dataset B = A
				dataset C = C(take: 10)
				""");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.DATASET_CYCLE,
				"The datasets lead back to themselves through B: give one of them a source such as mnist", "B");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, IssueCodes.DATASET_CYCLE,
				"The dataset C is defined in terms of itself: give it a source", "C");
		assertCodes(m, IssueCodes.DATASET_CYCLE);
	}

	// ======== names (the language bundle's own codes)

	@Test
	void duplicateName() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dense(4) as x
				    output x
				}
				network Net {
				    input x: [4]
				    x -> dense(4) as y
				    output y
				}
				""");
		assertIssue(m, Severity.ERROR, NETWORK, NnetValidator.DUPLICATE_NAME,
				"'Net' is already declared in this file (line 1): rename one of them", "Net");
		assertIssue(m, Severity.ERROR, LAYER_STEP, NnetValidator.DUPLICATE_NAME,
				"'x' already names an input of this network (line 2): choose another name", "x");
	}

	@Test
	void duplicateNameAcrossFiles() throws Exception {
		XtextResourceSet set = resourceSets.get();
		parse("""
				package shared
				network Net {
				    input x: [4]
				    x -> dense(4) as y
				    output y
				}
				""", URI.createURI("a.nnet"), set);
		Model b = parse("""
				package shared
				network Net {
				    input x: [4]
				    x -> dense(2) as y
				    output y
				}
				""", URI.createURI("b.nnet"), set);
		assertIssue(b, Severity.ERROR, NETWORK, NnetValidator.DUPLICATE_NAME,
				"'shared.Net' is also declared in a.nnet: names must be unique within a package", "Net");
	}

	@Test
	void unresolvedImport() {
		Model withImports = parse("""
				import nowhere.Thing
				import elsewhere.*
				""" + CLASSIFIER);
		assertIssue(withImports, Severity.ERROR, IMPORT, NnetValidator.UNRESOLVED_IMPORT,
				"nothing named 'nowhere.Thing' in this project: check the spelling, or that the file declaring it has that package",
				"nowhere.Thing");
		assertIssue(withImports, Severity.ERROR, IMPORT, NnetValidator.UNRESOLVED_IMPORT, "no declarations in package 'elsewhere'",
				"elsewhere.*");
		assertCodes(withImports, NnetValidator.UNRESOLVED_IMPORT);
	}

	@Test
	void unresolvedImportNotForADeclarationOfAnotherFile() throws Exception {
		XtextResourceSet set = resourceSets.get();
		parse("package lib\n" + CLASSIFIER, URI.createURI("lib.nnet"), set);
		Model app = parse("""
				package app
				import lib.Classifier
				import lib.*
				training T {
				    model: Classifier
				    data: mnist
				}
				""", URI.createURI("app.nnet"), set);
		validator.assertNoIssues(app);
	}

	@Test
	void unknownName() {
		Model m = parse("""
				network Net {
				    input x: [4]
				    x -> dnse(4) as y
				    output y, zz
				}
				training T {
				    model: Nett
				    data: mnist
				}
				""");
		assertIssue(m, Severity.ERROR, LAYER_STEP, NnetLinkingDiagnosticMessages.UNKNOWN_NAME,
				"unknown name 'dnse': not a layer, a network, or a node of this network", "dnse");
		assertIssue(m, Severity.ERROR, OUTPUT, NnetLinkingDiagnosticMessages.UNKNOWN_NAME, "no input or named node 'zz' in this network", "zz");
		assertIssue(m, Severity.ERROR, SYMBOL_REF, NnetLinkingDiagnosticMessages.UNKNOWN_NAME,
				"unknown name 'Nett': not declared here, imported, nor a built-in name", "Nett");
		assertCodes(m, NnetLinkingDiagnosticMessages.UNKNOWN_NAME);
	}

	// ======== helpers

	private Model parse(String text) {
		return parse(text, null, null);
	}

	private Model parse(String text, URI uri, XtextResourceSet set) {
		Model m;
		try {
			m = uri == null ? parser.parse(text) : parser.parse(text, uri, set);
		} catch (Exception e) {
			throw new AssertionError(e);
		}
		assertNotNull(m);
		// names are linked lazily, so only syntax errors are known here
		String syntax = m.eResource().getErrors().stream().map(e -> e.getLine() + ": " + e.getMessage()).collect(Collectors.joining("\n"));
		assertEquals("", syntax, "syntax errors");
		return m;
	}

	/**
	 * Asserts an issue of that severity, on an object of that type, with that code and a message
	 * containing the fragment, whose quick-fix data are exactly {@code data}.
	 */
	private void assertIssue(Model m, Severity severity, EClass on, String code, String fragment, String... data) {
		if (severity == Severity.ERROR) {
			validator.assertError(m, on, code, fragment);
		} else {
			validator.assertWarning(m, on, code, fragment);
		}
		List<Issue> matching = validator.validate(m).stream()
				.filter(i -> i.getSeverity() == severity && code.equals(i.getCode()) && i.getMessage().contains(fragment)).toList();
		assertEquals(1, matching.size(), () -> "issues with '" + fragment + "': " + matching);
		String[] actual = matching.get(0).getData() == null ? new String[0] : matching.get(0).getData();
		assertArrayEquals(data, actual, () -> "data of " + code + ": " + List.of(actual));
	}

	/** Asserts that the file's issues have exactly these codes (errors and warnings alike). */
	private void assertCodes(Model m, String... codes) {
		List<Issue> issues = validator.validate(m);
		assertEquals(new TreeSet<>(List.of(codes)), issues.stream().map(Issue::getCode).collect(Collectors.toCollection(TreeSet::new)),
				() -> issues.stream().map(Issue::toString).collect(Collectors.joining("\n")));
	}
}
