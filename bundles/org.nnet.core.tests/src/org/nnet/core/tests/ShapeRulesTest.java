package org.nnet.core.tests;

import org.nnet.lang.tests.NnetInjectorProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nnet.core.IssueCodes;
import org.nnet.core.Problem;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.model.Element;
import org.nnet.model.Model;

import com.google.inject.Inject;

/**
 * One test per row of LANGUAGE.md's layer table: the output shape and the parameter counts that
 * {@link ShapeInference} gives, against the formulas worked out by hand in the comments.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(NnetInjectorProvider.class)
public class ShapeRulesTest {

	@Inject
	private ParseHelper<Model> parser;

	private final ShapeInference inference = new ShapeInference();

	// ---- dense, maxout

	@Test
	void denseOnFlatInput() {
		ModelReport r = clean("""
				network Net {
				    input x: [784]
				    x -> dense(128, activation: relu) as h
				    output h
				}
				""");
		assertNode(r, "h", "[128]", 784 * 128 + 128); // 100,480
		assertTotals(r, 100_480, 100_480);
	}

	@Test
	void denseOnSequenceWorksPerTimeStep() {
		ModelReport r = clean("""
				network Net {
				    input x: [20, 16]
				    x -> dense(8) as h
				    output h
				}
				""");
		assertNode(r, "h", "[20, 8]", 16 * 8 + 8); // 136: weights are shared over the 20 steps
	}

	@Test
	void denseWithoutBias() {
		ModelReport r = clean("""
				network Net {
				    input x: [784]
				    x -> dense(128, bias: false) as h
				    output h
				}
				""");
		assertNode(r, "h", "[128]", 784 * 128); // 100,352: no + units
	}

	@Test
	void denseOnImageIsAnErrorWhoseFixInsertsFlatten() {
		ModelReport r = infer("""
				network Net {
				    input x: [16, 5, 5]
				    x -> dense(10) as h
				    output h
				}
				""");
		assertProblems(r, IssueCodes.INSERT_FLATTEN);
		assertEquals("[10]", r.node("h").shape().toSizesString());
	}

	@Test
	void maxoutHasKPieces() {
		ModelReport r = clean("""
				network Net {
				    input x: [100]
				    x -> maxout(10, pieces: 3) as m3 -> maxout(5) as m2
				    output m2
				}
				""");
		assertNode(r, "m3", "[10]", 3 * (100 * 10 + 10)); // 3,030
		assertNode(r, "m2", "[5]", 2 * (10 * 5 + 5)); // 110: pieces defaults to 2
	}

	// ---- convolutions

	@Test
	void conv1dOnSequence() {
		ModelReport r = clean("""
				network Net {
				    input x: [100, 16]
				    x -> conv1d(32, kernel: 5) as c
				    output c
				}
				""");
		// T' = floor((100 + 0 - 1*(5-1) - 1) / 1) + 1 = 96
		assertNode(r, "c", "[96, 32]", 5 * 16 * 32 + 32); // 2,592
	}

	@Test
	void conv1dWithStrideSamePaddingAndDilation() {
		ModelReport r = clean("""
				network Net {
				    input x: [100, 16]
				    x -> conv1d(8, kernel: 3, stride: 2, padding: same) as strided
				    x -> conv1d(8, kernel: 3, dilation: 2, bias: false) as dilated
				    output strided, dilated
				}
				""");
		assertNode(r, "strided", "[50, 8]", 3 * 16 * 8 + 8); // ceil(100 / 2) = 50; 392
		// floor((100 - 2*(3-1) - 1) / 1) + 1 = 96; bias: false drops + 8
		assertNode(r, "dilated", "[96, 8]", 3 * 16 * 8); // 384
	}

	@Test
	void conv2dWithStrideTwo() {
		ModelReport r = clean("""
				network Net {
				    input x: [3, 32, 32]
				    x -> conv2d(16, kernel: 3, stride: 2) as c
				    output c
				}
				""");
		// floor((32 - 1*(3-1) - 1) / 2) + 1 = floor(29 / 2) + 1 = 15
		assertNode(r, "c", "[16, 15, 15]", 3 * 3 * 3 * 16 + 16); // 448
	}

	@Test
	void conv2dWithDilation() {
		ModelReport r = clean("""
				network Net {
				    input x: [1, 28, 28]
				    x -> conv2d(8, kernel: 3, dilation: 2) as c
				    output c
				}
				""");
		// floor((28 - 2*(3-1) - 1) / 1) + 1 = 24
		assertNode(r, "c", "[8, 24, 24]", 3 * 3 * 1 * 8 + 8); // 80
	}

	@Test
	void conv2dSamePaddingWithOddSizesAndStrideTwo() {
		ModelReport r = clean("""
				network Net {
				    input x: [3, 7, 9]
				    x -> conv2d(4, kernel: 3, padding: same, stride: 2) as halved
				    x -> conv2d(4, kernel: 3, padding: same) as kept
				    output halved, kept
				}
				""");
		// same gives ceil(n / s): ceil(7 / 2) = 4, ceil(9 / 2) = 5
		assertNode(r, "halved", "[4, 4, 5]", 3 * 3 * 3 * 4 + 4); // 112
		assertNode(r, "kept", "[4, 7, 9]", 112); // ceil(7 / 1), ceil(9 / 1)
	}

	@Test
	void conv2dWithIntegerPadding() {
		ModelReport r = clean("""
				network Net {
				    input x: [1, 28, 28]
				    input y: [1, 10, 10]
				    input z: [1, 7, 7]
				    x -> conv2d(6, kernel: 5, padding: 2) as p2
				    y -> conv2d(2, kernel: 3, padding: (1, 0)) as pair
				    z -> conv2d(1, kernel: 3, padding: 1, stride: 2) as strided
				    output p2, pair, strided
				}
				""");
		// floor((28 + 2*2 - (5-1) - 1) / 1) + 1 = 28
		assertNode(r, "p2", "[6, 28, 28]", 5 * 5 * 1 * 6 + 6); // 156
		// h: 10 + 2 - 2 - 1 + 1 = 10; w: 10 + 0 - 2 - 1 + 1 = 8
		assertNode(r, "pair", "[2, 10, 8]", 3 * 3 * 1 * 2 + 2); // 20
		// floor((7 + 2 - 2 - 1) / 2) + 1 = 4
		assertNode(r, "strided", "[1, 4, 4]", 3 * 3 * 1 * 1 + 1); // 10
	}

	@Test
	void conv2dWithRectangularKernelAndStride() {
		ModelReport r = clean("""
				network Net {
				    input x: [3, 10, 20]
				    x -> conv2d(5, kernel: (3, 5)) as k
				    x -> conv2d(5, kernel: (3, 5), stride: (1, 2)) as ks
				    output k, ks
				}
				""");
		// h: 10 - 2 - 1 + 1 = 8; w: 20 - 4 - 1 + 1 = 16
		assertNode(r, "k", "[5, 8, 16]", 3 * 5 * 3 * 5 + 5); // 230
		// w: floor((20 - 4 - 1) / 2) + 1 = 8
		assertNode(r, "ks", "[5, 8, 8]", 230);
	}

	@Test
	void conv2dWithoutBias() {
		ModelReport r = clean("""
				network Net {
				    input x: [3, 32, 32]
				    x -> conv2d(16, kernel: 3, bias: false) as c
				    output c
				}
				""");
		assertNode(r, "c", "[16, 30, 30]", 3 * 3 * 3 * 16); // 432: no + filters
	}

	@Test
	void deconv2dFollowsTheTransposedRule() {
		ModelReport r = clean("""
				network Net {
				    input x: [16, 7, 7]
				    input y: [4, 5, 5]
				    x -> deconv2d(8, kernel: 4, stride: 2, padding: 1) as up
				    y -> deconv2d(2, kernel: 3) as plain
				    y -> deconv2d(2, kernel: 3, dilation: 2, bias: false) as dilated
				    output up, plain, dilated
				}
				""");
		// h' = (h-1)s - 2p + d(k-1) + 1 = 6*2 - 2 + 3 + 1 = 14
		assertNode(r, "up", "[8, 14, 14]", 4 * 4 * 16 * 8 + 8); // 2,056
		// 4*1 - 0 + 1*2 + 1 = 7
		assertNode(r, "plain", "[2, 7, 7]", 3 * 3 * 4 * 2 + 2); // 74
		// 4*1 - 0 + 2*2 + 1 = 9
		assertNode(r, "dilated", "[2, 9, 9]", 3 * 3 * 4 * 2); // 72
	}

	// ---- pooling

	@Test
	void maxpool2dStrideDefaultsToSize() {
		ModelReport r = clean("""
				network Net {
				    input x: [6, 28, 28]
				    input y: [1, 10, 10]
				    x -> maxpool2d(2) as halved
				    y -> maxpool2d(3) as thirds
				    output halved, thirds
				}
				""");
		assertNode(r, "halved", "[6, 14, 14]", 0); // floor((28 - 1 - 1) / 2) + 1 = 14
		assertNode(r, "thirds", "[1, 3, 3]", 0); // floor((10 - 2 - 1) / 3) + 1 = 3
	}

	@Test
	void avgpool2dWithStrideAndSamePadding() {
		ModelReport r = clean("""
				network Net {
				    input x: [1, 10, 10]
				    input y: [1, 7, 7]
				    x -> avgpool2d(3, stride: 1) as overlapping
				    y -> avgpool2d(2, padding: same) as padded
				    output overlapping, padded
				}
				""");
		assertNode(r, "overlapping", "[1, 8, 8]", 0); // floor((10 - 2 - 1) / 1) + 1 = 8
		assertNode(r, "padded", "[1, 4, 4]", 0); // ceil(7 / 2) = 4
	}

	@Test
	void pool1dOnSequences() {
		ModelReport r = clean("""
				network Net {
				    input x: [100, 16]
				    input y: [10, 4]
				    x -> maxpool1d(2) as m
				    y -> avgpool1d(3) as a
				    output m, a
				}
				""");
		assertNode(r, "m", "[50, 16]", 0); // floor((100 - 1 - 1) / 2) + 1 = 50
		assertNode(r, "a", "[3, 4]", 0); // floor((10 - 2 - 1) / 3) + 1 = 3
	}

	@Test
	void globalPoolsOnImages() {
		ModelReport r = clean("""
				network Net {
				    input x: [16, 5, 5]
				    x -> globalavgpool() as avg
				    x -> globalmaxpool() as max
				    output avg, max
				}
				""");
		assertNode(r, "avg", "[16]", 0);
		assertNode(r, "max", "[16]", 0);
	}

	@Test
	void globalPoolsOnSequences() {
		ModelReport r = clean("""
				network Net {
				    input x: [20, 8]
				    x -> globalavgpool() as avg
				    x -> globalmaxpool() as max
				    output avg, max
				}
				""");
		assertNode(r, "avg", "[8]", 0);
		assertNode(r, "max", "[8]", 0);
	}

	@Test
	void upsample2dMultipliesHeightAndWidth() {
		ModelReport r = clean("""
				network Net {
				    input x: [4, 7, 9]
				    x -> upsample2d(2) as twice
				    x -> upsample2d((2, 3)) as pair
				    x -> upsample2d() as default
				    output twice, pair, default
				}
				""");
		assertNode(r, "twice", "[4, 14, 18]", 0);
		assertNode(r, "pair", "[4, 14, 27]", 0);
		assertNode(r, "default", "[4, 14, 18]", 0); // factor defaults to 2
	}

	// ---- flatten, reshape, dropout, activation

	@Test
	void flattenPreservesTheProduct() {
		ModelReport r = clean("""
				network Net {
				    input x: [16, 5, 5]
				    x -> flatten() as f
				    output f
				}
				""");
		assertNode(r, "f", "[400]", 0); // 16 * 5 * 5
	}

	@Test
	void reshapePreservesTheProduct() {
		ModelReport r = clean("""
				network Net {
				    input x: [784]
				    input y: [8]
				    x -> reshape([1, 28, 28]) as image
				    y -> reshape([?, 4]) as rows
				    output image, rows
				}
				""");
		assertNode(r, "image", "[1, 28, 28]", 0);
		assertNode(r, "rows", "[2, 4]", 0); // ? = 8 / 4
	}

	@Test
	void reshapeThatChangesTheProductIsAnError() {
		ModelReport r = infer("""
				network Net {
				    input x: [784]
				    x -> reshape([1, 28, 27]) as image
				    output image
				}
				""");
		assertProblems(r, IssueCodes.RESHAPE_SIZE); // 756 != 784
	}

	@Test
	void dropoutAndActivationKeepTheShape() {
		ModelReport r = clean("""
				network Net {
				    input x: [3, 8, 8]
				    x -> dropout(0.5) as d -> activation(leakyrelu(0.1)) as a
				    output a
				}
				""");
		assertNode(r, "d", "[3, 8, 8]", 0);
		assertNode(r, "a", "[3, 8, 8]", 0);
	}

	// ---- normalisation

	@Test
	void batchnormOnImageNormalisesChannels() {
		ModelReport r = clean("""
				network Net {
				    input x: [16, 5, 5]
				    x -> batchnorm() as bn
				    output bn
				}
				""");
		// 2c trainable (scale, shift) + 2c running mean and variance, c = 16
		assertNode(r, "bn", "[16, 5, 5]", 2 * 16, 4 * 16);
		assertTotals(r, 32, 64);
	}

	@Test
	void batchnormOnSequenceNormalisesFeatures() {
		ModelReport r = clean("""
				network Net {
				    input x: [20, 8]
				    x -> batchnorm() as bn
				    output bn
				}
				""");
		assertNode(r, "bn", "[20, 8]", 2 * 8, 4 * 8); // c = features = 8, not time
	}

	@Test
	void layernormNormalisesTheLastAxis() {
		ModelReport r = clean("""
				network Net {
				    input x: [20, 8]
				    input y: [3, 4, 5]
				    x -> layernorm() as seq
				    y -> layernorm() as image
				    output seq, image
				}
				""");
		assertNode(r, "seq", "[20, 8]", 2 * 8); // 16
		assertNode(r, "image", "[3, 4, 5]", 2 * 5); // 10
	}

	// ---- sequences

	@Test
	void embeddingOfTokens() {
		ModelReport r = clean("""
				network Net {
				    input x: [time: 50] of token(vocab: 1000)
				    x -> embedding(1000, dim: 64) as e
				    output e
				}
				""");
		assertNode(r, "e", "[50, 64]", 1000 * 64); // 64,000
		assertEquals("[50] of token(vocab: 1000)", r.node("x").shape().toSizesString());
	}

	@Test
	void recurrentLayersGiveTheLastStateOrTheSequence() {
		ModelReport r = clean("""
				network Net {
				    input x: [20, 8]
				    x -> rnn(16) as r
				    x -> rnn(16, sequences: true) as rs
				    x -> lstm(16) as l
				    x -> lstm(16, sequences: true) as ls
				    x -> gru(16) as g
				    x -> gru(16, sequences: true) as gs
				    output r, rs, l, ls, g, gs
				}
				""");
		// u = 16, f = 8: u(f+u)+u = 16*24 + 16 = 400
		assertNode(r, "r", "[16]", 400);
		assertNode(r, "rs", "[20, 16]", 400);
		assertNode(r, "l", "[16]", 4 * 400); // 1,600
		assertNode(r, "ls", "[20, 16]", 1600);
		// 3(u(f+u) + 2u) = 3 * (384 + 32) = 1,248
		assertNode(r, "g", "[16]", 1248);
		assertNode(r, "gs", "[20, 16]", 1248);
	}

	@Test
	void bidirectionalDoublesUnitsAndParameters() {
		ModelReport r = clean("""
				network Net {
				    input x: [20, 8]
				    x -> rnn(16, bidirectional: true) as r
				    x -> lstm(16, bidirectional: true) as l
				    x -> gru(16, sequences: true, bidirectional: true) as gs
				    output r, l, gs
				}
				""");
		assertNode(r, "r", "[32]", 2 * 400); // 800
		assertNode(r, "l", "[32]", 2 * 1600); // 3,200
		assertNode(r, "gs", "[20, 32]", 2 * 1248); // 2,496
	}

	@Test
	void selfAttention() {
		ModelReport r = clean("""
				network Net {
				    input x: [10, 64]
				    x -> attention(heads: 4, key_dim: 16) as a
				    x -> attention(heads: 4, key_dim: 16, causal: true) as masked
				    output a, masked
				}
				""");
		// d = 64, hk = 64: 4(d*h*k) + 3hk + d = 16,384 + 192 + 64 = 16,640
		assertNode(r, "a", "[10, 64]", 4 * 64 * 64 + 3 * 64 + 64);
		assertNode(r, "masked", "[10, 64]", 16_640); // causal changes neither shape nor count
	}

	@Test
	void crossAttention() {
		ModelReport r = clean("""
				network Net {
				    input q: [10, 32]
				    input c: [20, 48]
				    attention(q, c, heads: 2, key_dim: 8) as a
				    output a
				}
				""");
		// d = 32, e = 48, hk = 16: d*hk + e*hk + e*hk + hk*d + 3hk + d
		// = 512 + 768 + 768 + 512 + 48 + 32 = 2,640
		assertNode(r, "a", "[10, 32]", 32 * 16 + 48 * 16 + 48 * 16 + 16 * 32 + 3 * 16 + 32);
		assertEquals(List.of("q", "c"), r.node("a").inputs());
	}

	// ---- merges

	@Test
	void concatOnChannels() {
		ModelReport r = clean("""
				network Net {
				    input a: [3, 8, 8]
				    input b: [5, 8, 8]
				    concat(a, b) as default
				    concat(a, b, a, axis: 0) as three
				    output default, three
				}
				""");
		assertNode(r, "default", "[8, 8, 8]", 0); // axis defaults to 0: 3 + 5
		assertNode(r, "three", "[11, 8, 8]", 0); // 3 + 5 + 3
	}

	@Test
	void concatOnFeatures() {
		ModelReport r = clean("""
				network Net {
				    input a: [10, 4]
				    input b: [10, 6]
				    concat(a, b, axis: 1) as c
				    output c
				}
				""");
		assertNode(r, "c", "[10, 10]", 0); // 4 + 6 on axis 1; time must agree
	}

	@Test
	void concatDisagreeingOffTheAxisIsAnError() {
		ModelReport r = infer("""
				network Net {
				    input a: [10, 4]
				    input b: [12, 6]
				    concat(a, b, axis: 1) as c
				    output c
				}
				""");
		assertProblems(r, IssueCodes.CONCAT_MISMATCH);
	}

	@Test
	void addAndMultiplyKeepEqualShapes() {
		ModelReport r = clean("""
				network Net {
				    input a: [4, 6]
				    input b: [4, 6]
				    add(a, b) as sum
				    multiply(a, b, sum) as product
				    output product
				}
				""");
		assertNode(r, "sum", "[4, 6]", 0);
		assertNode(r, "product", "[4, 6]", 0);
	}

	@Test
	void addOfDifferentShapesIsAnError() {
		ModelReport r = infer("""
				network Net {
				    input a: [4, 6]
				    input b: [4, 7]
				    add(a, b) as sum
				    output sum
				}
				""");
		assertProblems(r, IssueCodes.SHAPE_MISMATCH);
	}

	@Test
	void gaussianHasMeanAndLogVarianceHeads() {
		ModelReport r = clean("""
				network Net {
				    input x: [512]
				    x -> gaussian(2) as z
				    output z
				}
				""");
		assertNode(r, "z", "[2]", 2 * (512 * 2 + 2)); // 2,052
	}

	// ---- networks as steps, repeat

	@Test
	void networkUsedAsStepWithParameters() {
		ModelReport r = clean("""
				network Block(units: int, act: activation) {
				    input x: [?]
				    x -> dense(units * 2, activation: act) -> dense(units) as y
				    output y
				}
				network Net {
				    input x: [10]
				    x -> Block(20, relu) as b1 -> Block(units: 5, act: tanh) as b2
				    output b2
				}
				""");
		// b1 on [10]: dense(40) 10*40+40 = 440, dense(20) 40*20+20 = 820; 1,260
		assertNode(r, "b1", "[20]", 440 + 820);
		// b2 on [20]: dense(10) 20*10+10 = 210, dense(5) 10*5+5 = 55; 265
		assertNode(r, "b2", "[5]", 210 + 55);
		assertTotals(r, 1525, 1525);
		NodeReport b1 = r.node("b1");
		assertTrue(b1.isNetworkStep());
		assertEquals("Block", b1.kind());
		assertEquals(List.of("x", "dense_1", "y"), b1.children().stream().map(NodeReport::name).toList());
		assertEquals("[40]", b1.children().get(1).shape().toSizesString());
		assertEquals(440L, b1.children().get(1).trainable());
	}

	@Test
	void aNetworkOnItsOwnLeavesParametersUnknown() {
		ModelReport r = clean("""
				network Block(units: int) {
				    input x: [10]
				    x -> dense(units) as y
				    output y
				}
				""");
		assertEquals("[?]", r.node("y").shape().toSizesString());
		assertNull(r.node("y").trainable());
		assertNull(r.trainable());
	}

	@Test
	void repeatInsertsNCopiesInSequence() {
		ModelReport r = clean("""
				network Net {
				    input x: [8]
				    x -> repeat(3) { dense(8, activation: relu) -> dropout(0.1) } -> dense(1) as out
				    output out
				}
				""");
		// 3 * (8*8 + 8) + (8*1 + 1) = 216 + 9 = 225
		assertTotals(r, 225, 225);
		assertEquals(List.of("x", "dense_1", "dropout_1", "dense_2", "dropout_2", "dense_3", "dropout_3", "out"),
				r.nodes().stream().map(NodeReport::name).toList());
		assertNode(r, "dense_3", "[8]", 72);
		assertNode(r, "out", "[1]", 9);
	}

	@Test
	void repeatWithParameterCount() {
		ModelReport r = clean("""
				network Stack(n: int) {
				    input x: [4]
				    x -> repeat(n + 1) { dense(4) } as y
				    output y
				}
				network Net {
				    input x: [4]
				    x -> Stack(2) as s
				    output s
				}
				""");
		assertNode(r, "s", "[4]", 3 * (4 * 4 + 4)); // n + 1 = 3 copies of 20
	}

	// ---- unknown and named dimensions

	@Test
	void unknownDimensionsPropagate() {
		ModelReport r = clean("""
				network Net {
				    input x: [time: ?, 16]
				    input y: [3, ?, ?]
				    x -> dense(8) as d -> lstm(4, sequences: true) as l
				    y -> conv2d(4, kernel: 3) as c
				    output l, c
				}
				""");
		assertNode(r, "d", "[?, 8]", 16 * 8 + 8); // 136: counts do not depend on time
		assertEquals("[time: ?, 8]", r.node("d").shape().toString());
		assertNode(r, "l", "[?, 4]", 4 * (4 * (8 + 4) + 4)); // 208
		assertNode(r, "c", "[4, ?, ?]", 3 * 3 * 3 * 4 + 4); // 112
	}

	@Test
	void unknownFeaturesLeaveTheCountUnknown() {
		ModelReport r = clean("""
				network Net {
				    input x: [?]
				    x -> dense(4) as d
				    output d
				}
				""");
		assertEquals("[4]", r.node("d").shape().toSizesString());
		assertNull(r.node("d").trainable()); // ?*4 + 4
		assertNull(r.total());
	}

	@Test
	void namedDimensionsPropagate() {
		ModelReport r = clean("""
				network Net {
				    input x: [time: 100, features: 16]
				    x -> conv1d(4, kernel: 1) as c -> maxpool1d(1) as p
				    output p
				}
				""");
		assertEquals("[time: 100, 4]", r.node("c").shape().toString());
		assertEquals("[time: 100, 4]", r.node("p").shape().toString());
	}

	@Test
	void unknownDimensionsAgreeWithAnySizeWhereShapesMeet() {
		ModelReport r = clean("""
				network Net {
				    input a: [time: ?, 8]
				    input b: [time: ?, 8]
				    input c: [5, 8]
				    add(a, b) as ab
				    add(ab, c) as abc
				    output abc
				}
				""");
		assertEquals("[time: ?, 8]", r.node("ab").shape().toString());
		assertEquals("[time: 5, 8]", r.node("abc").shape().toString()); // the known size wins, the name is kept
	}

	@Test
	void disagreeingNamedDimensionsAreAnErrorWhereShapesMeet() {
		ModelReport r = infer("""
				network Net {
				    input a: [time: ?, 8]
				    input b: [steps: ?, 8]
				    add(a, b) as ab
				    output ab
				}
				""");
		assertProblems(r, IssueCodes.SHAPE_MISMATCH);
	}

	// ---- composites

	@Test
	void variationalAutoencoderTotalsIncludeTheGaussian() {
		ModelReport r = clean("""
				network Enc {
				    input x: [784]
				    x -> dense(16) as h
				    output h
				}
				network Dec {
				    input z: [2]
				    z -> dense(784, activation: sigmoid) as y
				    output y
				}
				autoencoder Vae {
				    encoder: Enc
				    decoder: Dec
				    kind: variational
				}
				""");
		// encoder 784*16+16 = 12,560; gaussian(2) on [16]: 2*(16*2+2) = 68; decoder 2*784+784 = 2,352
		assertEquals("[2]", r.gaussian().shape().toSizesString());
		assertEquals(68L, r.gaussian().trainable());
		assertTotals(r, 12_560 + 68 + 2_352, 14_980);
	}

	@Test
	void ganTotalsAreTheMembersSum() {
		ModelReport r = clean("""
				network G {
				    input z: [10]
				    z -> dense(4, activation: tanh) as s
				    output s
				}
				network D {
				    input s: [4]
				    s -> dense(1, activation: sigmoid) as p
				    output p
				}
				gan Pair {
				    generator: G
				    discriminator: D
				    noise: uniform([10])
				}
				""");
		// G: 10*4+4 = 44; D: 4*1+1 = 5
		assertTotals(r, 49, 49);
	}

	// ---- helpers

	private ModelReport infer(String text) {
		Model model;
		try {
			model = parser.parse(text);
		} catch (Exception e) {
			throw new AssertionError(e);
		}
		assertNotNull(model);
		EcoreUtil.resolveAll(model.eResource());
		assertEquals("", model.eResource().getErrors().stream().map(e -> e.getLine() + ": " + e.getMessage())
				.collect(Collectors.joining("\n")), "syntax or name errors");
		Element last = model.getElements().get(model.getElements().size() - 1);
		ModelReport r = inference.infer(last);
		assertNotNull(r);
		return r;
	}

	/** Infers the last declaration of the text and asserts it has no problem at all. */
	private ModelReport clean(String text) {
		ModelReport r = infer(text);
		assertProblems(r);
		return r;
	}

	private static void assertProblems(ModelReport r, String... codes) {
		assertEquals(List.of(codes), r.problems().stream().map(Problem::code).toList(),
				() -> r.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
	}

	private static void assertNode(ModelReport r, String name, String shape, long trainable) {
		assertNode(r, name, shape, trainable, trainable);
	}

	private static void assertNode(ModelReport r, String name, String shape, long trainable, long total) {
		NodeReport n = r.node(name);
		assertNotNull(n, () -> name + " not among " + r.nodes().stream().map(NodeReport::name).toList());
		assertEquals(shape, n.shape().toSizesString(), name + " shape");
		assertEquals(Long.valueOf(trainable), n.trainable(), name + " trainable");
		assertEquals(Long.valueOf(total), n.total(), name + " total");
	}

	private static void assertTotals(ModelReport r, long trainable, long total) {
		assertEquals(Long.valueOf(trainable), r.trainable(), "trainable");
		assertEquals(Long.valueOf(total), r.total(), "total");
	}
}
