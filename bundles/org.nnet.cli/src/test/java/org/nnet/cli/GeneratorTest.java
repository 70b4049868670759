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
