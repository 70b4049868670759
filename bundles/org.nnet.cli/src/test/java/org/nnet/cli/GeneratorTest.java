package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.generator.GeneratedProgram;
import org.nnet.generator.JavaText;
import org.nnet.generator.TrainingGenerator;
import org.nnet.model.Element;
import org.nnet.model.Model;
import org.nnet.model.StringLiteral;
import org.nnet.model.Training;

/**
 * The generator on the examples and on hostile input: every example training becomes a program that
 * compiles against the runtime, with a line per layer giving its shape and parameter count; names and
 * strings from a .nnet file never become code.
 */
class GeneratorTest {

	@TempDir
	Path dir;

	static List<Training> trainings(Path file) {
		NnetWorkspace w = new NnetWorkspace().load(List.of(file));
		assertFalse(w.hasErrors(), () -> file + ": " + w.diagnostics());
		List<Training> out = new ArrayList<>();
		for (Resource r : w.requestedFiles().keySet()) {
			for (Element e : NnetWorkspace.model(r).getElements()) {
				if (e instanceof Training t) {
					out.add(t);
				}
			}
		}
		return out;
	}

	static GeneratedProgram generate(Path file) {
		List<Training> ts = trainings(file);
		assertEquals(1, ts.size(), file.toString());
		return new TrainingGenerator().generate(ts.get(0));
	}

	private void assertCompiles(GeneratedProgram p) throws Exception {
		Path src = dir.resolve("src").resolve(p.relativePath());
		Files.createDirectories(src.getParent());
		Files.writeString(src, p.source());
		String errors = ProgramCompiler.compile(List.of(src), dir.resolve("classes"), RuntimeClasspath.locate().entries());
		assertNull(errors, () -> errors + "\n" + p.source());
	}

	@Test
	void everyExampleTrainingCompilesAgainstTheRuntime() throws Exception {
		int n = 0;
		for (Path f : Examples.files()) {
			for (Training t : trainings(f)) {
				assertCompiles(new TrainingGenerator().generate(t));
				n++;
			}
		}
		assertTrue(n >= 6, "the six example trainings and any added since: " + n);
	}

	@Test
	void lenet5HasALinePerLayerWithShapeAndParameters() {
		GeneratedProgram p = generate(Examples.folder().resolve("mnist/lenet5.nnet"));
		assertEquals("examples.mnist.TrainLeNet5", p.qualifiedName());
		String s = p.source();
		assertTrue(s.matches("(?s).*SDVariable c1 = net\\.conv2d\\(\"c1\", image, 6, 5, 1, -1, Activation\\.TANH\\); +// \\[6, 28, 28\\] +156\n.*"), s);
		assertTrue(s.matches("(?s).*SDVariable s2 = net\\.avgPool2d\\(\"s2\", c1, 2\\); +// \\[6, 14, 14\\]\n.*"), s);
		assertTrue(s.matches("(?s).*net\\.dense\\(\"f5\", flatten_1, 120, Activation\\.TANH\\); +// \\[120\\] +48,120\n.*"), s);
		assertTrue(s.contains("61,706 trainable parameters"), s);
		assertTrue(s.contains(".optimizer(Optimizer.sgd(0.05, 0.9, false))"), s);
		assertTrue(s.contains(".patience(2)"), s);
		assertTrue(s.contains("Sources.mnist().load(Partition.TEST)"), s);
		assertTrue(s.contains("net.crossEntropy(\"loss\", digits, target);"), s);
	}

	@Test
	void aNetworkUsedAsAStepIsWrittenInlineUnderItsName() {
		String s = generate(Examples.folder().resolve("fashion/inception.nnet")).source();
		assertTrue(s.contains("net.conv2d(\"mixed/b1\", maxpool2d_1, 16, 1, 1, 0, Activation.RELU)"), s);
		assertTrue(s.contains("net.concat(\"mixed/y\", 0, mixed_b1, mixed_b3, mixed_b5, mixed_bp)"), s);
		assertTrue(s.contains("net.maxPool2d(\"mixed/maxpool2d_1\", maxpool2d_1, 3, 1, -1)"), s);
	}

	@Test
	void compositesBecomeTheirRuntimeTasks() {
		String vae = generate(Examples.folder().resolve("generative/autoencoders.nnet")).source();
		assertTrue(vae.contains("Network.Gaussian gaussian = net.gaussian(\"gaussian\", encoder_h, 2);"), vae);
		assertTrue(vae.contains("return AutoencoderTask.variational(net, \"image\", \"decoder/image\", \"loss\", gaussian);"), vae);
		String gan = generate(Examples.folder().resolve("generative/gan.nnet")).source();
		assertTrue(gan.contains("GanTask.discriminatorInput(net, net.input(\"image\", 1, 28, 28), generator_image)"), gan);
		assertTrue(gan.contains("GanTask.NoiseKind.NORMAL, 1, seed)"), gan);
		assertTrue(gan.contains("Optimizer.adam(2.0E-4, 0.5, 0.999, 1.0E-8)"), gan);
		String seq = generate(Examples.folder().resolve("text/seq2seq_attention.nnet")).source();
		assertTrue(seq.contains("net.attention(\"context\", decoded, encoded, 1, 64, false)"), seq);
		assertTrue(seq.contains("net.sparseCrossEntropy(\"loss\", next, target)"), seq);
		assertTrue(seq.contains("train.split(0.1, options.seed())"), seq);
	}

	/** Every layer, option, activation and initializer of LANGUAGE.md, in small networks: each training compiles. */
	static final String EVERY_LAYER = """
			package all.layers

			network Images {
			    input image: [1, 28, 28]
			    image -> conv2d(4, kernel: (3, 2), stride: (1, 2), padding: 1, dilation: (2, 1), bias: false, init: he, activation: elu(0.5))
			          -> batchnorm(momentum: 0.9)
			          -> conv2d(4, kernel: 3, padding: same, init: normal(0.1), activation: leakyrelu(0.1))
			          -> maxpool2d((2, 1))
			          -> avgpool2d(2, stride: (1, 2), padding: same)
			          -> deconv2d(3, kernel: 2, stride: 2, init: zeros, activation: gelu)
			          -> upsample2d((1, 2))
			          -> globalmaxpool()
			          -> maxout(8, pieces: 3, init: he)
			          -> dense(6, activation: softplus, bias: false, init: normal(0.2))
			          -> activation(abs)
			          -> dense(10, activation: softmax) as classes
			    output classes
			}

			network Sequences {
			    input source: [time: 8] of token(vocab: 12)
			    input target_in: [time: 8] of token(vocab: 12)
			    source -> embedding(12, dim: 6, init: normal(0.1))
			           -> conv1d(6, kernel: 3, padding: same, dilation: 2, bias: false, activation: relu)
			           -> maxpool1d(2, stride: 1, padding: same)
			           -> avgpool1d(1)
			           -> layernorm()
			           -> rnn(5, sequences: true, activation: relu, init: he)
			           -> gru(5, sequences: true, bidirectional: true)
			           -> lstm(4, sequences: true, bidirectional: true, activation: sigmoid, init: xavier)
			           -> batchnorm() as encoded
			    target_in -> embedding(12, dim: 8) -> attention(heads: 2, key_dim: 3, causal: true, dropout: 0.1, init: he) as decoded
			    attention(decoded, encoded, heads: 1, key_dim: 4) as context
			    concat(decoded, context, axis: 1) -> dropout(0.1) -> dense(12, activation: softmax) as next
			    output next
			}

			training TrainImages {
			    model: Images
			    data: mnist(split: train, take: 100)
			    optimizer: sgd(lr: 0.01, momentum: 0.9, nesterov: true)
			    regularization: l1(1e-5)
			    early_stopping: patience(2, min_delta: 0.01)
			    epochs: 1
			}

			training TrainSequences {
			    model: Sequences
			    data: reverse(vocab: 12, length: 8, size: 64)
			    validation: split(0.25)
			    optimizer: adagrad(lr: 0.05)
			    regularization: max_norm(3)
			    metrics: accuracy
			    batch: 16
			    epochs: 1
			}

			training TrainSequencesRms {
			    model: Sequences
			    data: reverse(vocab: 12, length: 8, size: 64)
			    optimizer: rmsprop(lr: 1e-3, rho: 0.8)
			    regularization: l2(1e-4)
			    epochs: 1
			}
			""";

	@Test
	void everyLayerOptionActivationAndInitializerGeneratesAndCompiles() throws Exception {
		Path f = dir.resolve("all.nnet");
		Files.writeString(f, EVERY_LAYER);
		List<Training> ts = trainings(f);
		assertEquals(3, ts.size());
		for (Training t : ts) {
			assertCompiles(new TrainingGenerator().generate(t));
		}
		String images = new TrainingGenerator().generate(ts.get(0)).source();
		assertTrue(images.contains("net.conv2d(\"conv2d_1\", image, 4, new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 1}, false, "
				+ "new int[] {2, 1}, Activation.elu(0.5), Init.HE, false)"), images);
		assertTrue(images.contains("net.batchnorm(\"batchnorm_1\", conv2d_1, 0.9, 0.001)"), images);
		assertTrue(images.contains("Init.normal(0.1)"), images);
		assertTrue(images.contains("net.pool2d(\"maxpool2d_1\", conv2d_2, true, new int[] {2, 1}, new int[] {2, 1}, new int[] {0, 0}, false)"),
				images);
		assertTrue(images.contains("net.deconv2d("), images);
		assertTrue(images.contains("net.upsample2d(\"upsample2d_1\", deconv2d_1, 1, 2)"), images);
		assertTrue(images.contains("net.maxout(\"maxout_1\", globalmaxpool_1, 8, 3, Init.HE)"), images);
		assertTrue(images.contains(".minDelta(0.01)"), images);
		String seq = new TrainingGenerator().generate(ts.get(1)).source();
		assertTrue(seq.contains("net.conv1d("), seq);
		assertTrue(seq.contains("net.pool1d("), seq);
		assertTrue(seq.contains("net.layernorm("), seq);
		assertTrue(seq.contains("Network.Cell.RNN, 5, true, false, Activation.RELU, Init.HE)"), seq);
		assertTrue(seq.contains("Network.Cell.GRU, 5, true, true, Activation.TANH, Init.XAVIER)"), seq);
		assertTrue(seq.contains("Network.Cell.LSTM, 4, true, true, Activation.SIGMOID, Init.XAVIER)"), seq);
		assertTrue(seq.contains("true, 0.1, Init.HE)"), seq);
	}

	@Test
	void plainAndDenoisingAutoencodersCompile() throws Exception {
		Path f = dir.resolve("ae.nnet");
		Files.writeString(f, """
				network E {
				    input x: [1, 28, 28]
				    x -> flatten() -> dense(16, activation: relu) as code
				    output code
				}
				network D {
				    input code: [16]
				    code -> dense(784, activation: sigmoid) -> reshape([1, 28, 28]) as y
				    output y
				}
				autoencoder Plain { encoder: E  decoder: D }
				autoencoder Noisy { encoder: E  decoder: D  kind: denoising(noise: 0.2) }
				training TrainPlain { model: Plain  data: mnist(take: 100) }
				training TrainNoisy { model: Noisy  data: mnist(take: 100)  loss: binary_cross_entropy }
				""");
		for (Training t : trainings(f)) {
			GeneratedProgram p = new TrainingGenerator().generate(t);
			assertCompiles(p);
			assertTrue(p.source().contains(t.getName().equals("TrainPlain") ? "AutoencoderTask.plain(net, \"x\", \"decoder/y\", \"loss\")"
					: "AutoencoderTask.denoising(net, \"x\", \"decoder/y\", \"loss\", 0.2)"), p.source());
		}
	}

	// ---- hostile input

	private static final List<String> HOSTILE = List.of("\"); System.exit(1); //", "\\u0022); System.exit(1); //", "\\", "\\\\u0022",
			"*/ class X {} /*", "line\nbreak\r\u0000end", "\u2028\u2029\u00e9\u4e2d\ud83d\ude00", "\\\"", "$%{}`'");

	@Test
	void stringLiteralsHoldExactlyTheUsersText() throws Exception {
		StringBuilder src = new StringBuilder("public class Strings { public static final String[] S = {\n");
		for (String s : HOSTILE) {
			src.append(JavaText.string(s)).append(",\n");
		}
		src.append("}; }\n");
		Path file = dir.resolve("Strings.java");
		Files.writeString(file, src, StandardCharsets.UTF_8);
		assertNull(ProgramCompiler.compile(List.of(file), dir.resolve("c"), List.of()), src::toString);
		try (URLClassLoader l = new URLClassLoader(new URL[] { dir.resolve("c").toUri().toURL() })) {
			String[] values = (String[]) l.loadClass("Strings").getField("S").get(null);
			assertEquals(HOSTILE, List.of(values));
		}
	}

	@Test
	void identifiersAndCommentsCannotCarryCode() {
		assertEquals("class_", JavaText.identifier("class"));
		assertEquals("_1x", JavaText.identifier("1x"));
		assertEquals("a__b", JavaText.identifier("a\"(b"));
		assertEquals("__", JavaText.identifier("_"));
		for (String s : HOSTILE) {
			String c = JavaText.comment(s);
			assertFalse(c.contains("\\") || c.contains("*/") || c.contains("\n") || c.contains("\r"), c);
		}
	}

	@Test
	void hostileNamesAndPathsInAFileCompileAndStayData() throws Exception {
		// names that are Java keywords or names the program uses, and a csv path made to break out of its literal
		String text = """
				package class.int
				network String {
				    input net: [4]
				    net -> dense(3, activation: softmax) as System
				    output System
				}
				training Network {
				    model: String
				    data: csv("PATH", label: "LABEL")
				    seed: 1
				}
				""";
		String path = "x\\\"); System.exit(1); int y = (\\u0022.csv";
		String label = "\\u0022 + System.exit(2) + \\u0022";
		Path f = dir.resolve("hostile.nnet");
		Files.writeString(f, text.replace("PATH", path).replace("LABEL", label));
		// the file the csv names must exist, else validation stops generation: create it under the parsed name
		Model parsed = NnetWorkspace.model(new NnetWorkspace().loadText(f, Files.readString(f)));
		String parsedPath = null;
		for (var it = parsed.eAllContents(); it.hasNext();) {
			if (it.next() instanceof StringLiteral s && s.getValue().endsWith(".csv")) {
				parsedPath = s.getValue();
			}
		}
		Files.writeString(dir.resolve(parsedPath), "a,b,c,d,label\n1,2,3,4,0\n");
		GeneratedProgram p = generate(f);
		String call = "Sources.csv(run.dataPath(" + JavaText.string(parsedPath) + ")";
		assertEquals("class_.int_", p.packageName());
		assertEquals("TrainingNetwork", p.className());
		assertCompiles(p);
		assertTrue(p.source().contains(JavaText.string(parsedPath)), p.source());
		// the program's own exit in main's catch is the only statement that exits; the user's text stays inside its literals
		assertEquals(1, p.source().lines().filter(l -> l.trim().equals("System.exit(1);")).count(), p.source());
		assertEquals(1, p.source().lines().filter(l -> l.contains("System.exit")).filter(l -> !l.trim().equals("System.exit(1);"))
				.filter(l -> l.contains(call)).count(), p.source());
	}

	@Test
	void generateWritesAStandaloneProjectWithTheRuntimeInLib() throws IOException {
		Path out = dir.resolve("project");
		Cli.Result r = Cli.run("generate", Examples.folder().resolve("mnist/mlp.nnet").toString(), "-o", out.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(Files.isRegularFile(out.resolve("pom.xml")));
		assertTrue(Files.isRegularFile(out.resolve("src/main/java/examples/mnist/TrainMlp.java")));
		assertTrue(Files.isRegularFile(out.resolve("lib/org/nnet/org.nnet.runtime/0.1.0-SNAPSHOT/org.nnet.runtime-0.1.0-SNAPSHOT.jar")));
		assertTrue(Files.readString(out.resolve("lib/org/nnet/org.nnet.runtime/0.1.0-SNAPSHOT/org.nnet.runtime-0.1.0-SNAPSHOT.pom"))
				.contains("<artifactId>nd4j-native</artifactId>"));
		assertTrue(Files.readString(out.resolve("pom.xml")).contains("<url>file://${project.basedir}/lib</url>"));
		assertTrue(Files.readString(out.resolve("README.md")).contains("## Why `lib/`"));
	}

	@Test
	void generateAndTrainRefuseAFileWithErrorsWithFileLineColumnLines() throws IOException {
		Path f = dir.resolve("bad.nnet");
		Files.writeString(f, """
				network N {
				    input x: [1, 28, 28]
				    x -> dense(10) as y
				    output y
				}
				training T { model: N  data: mnist }
				""");
		for (String command : new String[] { "generate", "train" }) {
			Cli.Result r = command.equals("generate") ? Cli.run(command, f.toString(), "-o", dir.resolve("o").toString())
					: Cli.run(command, f.toString(), "--runs", dir.resolve("runs").toString());
			assertEquals(1, r.exit(), r.err());
			assertTrue(r.err().contains(f + ":3:"), r.err());
			assertTrue(r.err().contains("insert flatten()"), r.err());
			assertFalse(Files.exists(dir.resolve("runs")), "nothing trained");
		}
	}
}
