package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnet.cli.onnx.OnnxGraph;
import org.nnet.cli.onnx.Tensor;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import onnx.Onnx.TensorProto;

/**
 * {@code nnet import}: models exported from PyTorch (src/test/resources/onnx/pytorch, made by make_models.py) become
 * .nnet networks that check, whose weights give PyTorch's outputs (imported, exported again with those weights and run
 * in ONNX Runtime: the export is held to the runtime's outputs by {@link OnnxRoundTripTest}); networks exported by
 * nnet come back with the same layers and counts; operators with no layer and malformed files are one line each.
 */
class OnnxImportTest {
	private static final Path PYTORCH = Path.of("src/test/resources/onnx/pytorch");

	@TempDir
	Path tmp;

	@ParameterizedTest
	@CsvSource({ "mlp, Mlp, false", "vgg, Vgg, false", "resnet, Resnet, false", "resnet, Resnet, true", "lstm, Lstm, false" })
	void pytorchModelsImportCheckAndComputeWhatPytorchComputes(String model, String network, boolean keepBatchnorm) throws Exception {
		Path dir = tmp.resolve("imported");
		Cli.Result r = keepBatchnorm ? Cli.run("import", PYTORCH.resolve(model + ".onnx").toString(), "-o", dir.toString(), "--keep-batchnorm")
				: Cli.run("import", PYTORCH.resolve(model + ".onnx").toString(), "-o", dir.toString());
		assertEquals(0, r.exit(), r.err());
		Path nnet = dir.resolve(network + ".nnet"), weights = dir.resolve(network + ".weights.zip");
		String text = Files.readString(nnet);
		System.out.println(r.out() + text);
		Matcher m = Pattern.compile("(\\d[\\d,]*) parameters; the model's initializers hold (\\d[\\d,]*)").matcher(r.out());
		assertTrue(m.find(), r.out());
		long imported = Long.parseLong(m.group(1).replace(",", "")), initializers = Long.parseLong(m.group(2).replace(",", ""));

		Cli.Result check = Cli.run("check", nnet.toString());
		assertEquals(0, check.exit(), check.out() + check.err());
		assertTrue(check.out().contains(String.format(java.util.Locale.ROOT, "%,d total", imported)), check.out());
		switch (model) {
		case "resnet" -> {
			// five batch norms (4 values per channel, 8 channels) fold into convolutions; the four without a bias get one
			assertEquals(keepBatchnorm ? initializers : initializers - 5 * 4 * 8 + 4 * 8, imported);
			assertEquals(keepBatchnorm ? 7 : 2, Pattern.compile("batchnorm\\(").matcher(text).results().count(), text);
		}
		case "lstm" -> {
			// PyTorch's two biases per gate are one
			assertEquals(initializers - 4 * 24, imported);
			assertTrue(text.contains("input x: [9] of token(vocab: 40)"), text);
			assertTrue(text.contains("-> lstm(24) as lstm"), text);
		}
		default -> assertEquals(initializers, imported);
		}
		if (model.equals("mlp")) {
			assertTrue(text.contains("x -> dense(32, activation: relu) as fc1"), text);
			assertTrue(text.contains("-> dense(5, activation: softmax) as out"), text);
		}

		// the imported weights, exported again, give PyTorch's outputs
		Path onnx = tmp.resolve("again.onnx");
		Cli.Result e = Cli.run("export", "--onnx", nnet.toString(), "--weights", weights.toString(), "-o", onnx.toString());
		assertEquals(0, e.exit(), e.err());
		try (InputStream in = Files.newInputStream(PYTORCH.resolve(model + ".io.bin"))) {
			Io x = Io.read(in), y = Io.read(in);
			OrtEnvironment env = OrtEnvironment.getEnvironment();
			try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
					OnnxTensor input = x.longs != null ? OnnxTensor.createTensor(env, LongBuffer.wrap(x.longs), x.shape)
							: OnnxTensor.createTensor(env, FloatBuffer.wrap(x.floats), x.shape)) {
				OnnxTensor feed = input;
				if (x.longs != null) {
					// the runtime's token inputs are int32
					int[] ints = new int[x.longs.length];
					for (int i = 0; i < ints.length; i++) {
						ints[i] = (int) x.longs[i];
					}
					feed = OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(ints), x.shape);
				}
				try (OrtSession.Result out = session.run(Map.of(session.getInputNames().iterator().next(), feed))) {
					FloatBuffer got = ((OnnxTensor) out.get(0)).getFloatBuffer();
					double worst = 0;
					for (int i = 0; i < y.floats.length; i++) {
						worst = Math.max(worst, Math.abs(got.get(i) - y.floats[i]));
					}
					System.out.printf("%s%s: largest difference from PyTorch %.3g%n", model, keepBatchnorm ? " (batch norms kept)" : "", worst);
					assertTrue(worst <= 1e-5, model + " differs from PyTorch by " + worst);
				}
			}
		}
	}

	/** nnet's own exports come back as the same layers with the same counts. */
	@ParameterizedTest
	@CsvSource({ "mnist/lenet5.nnet, 61706", "mnist/mlp.nnet, 203530", "fashion/inception.nnet, 10834", "text/char_lstm.nnet, 332928" })
	void exportedExamplesImportWithTheSameCounts(String example, long total) throws IOException {
		Path onnx = tmp.resolve("m.onnx");
		assertEquals(0, Cli.run("export", "--onnx", Examples.folder().resolve(example).toString(), "-o", onnx.toString()).exit());
		Cli.Result r = Cli.run("import", onnx.toString(), "-o", tmp.toString(), "--name", "Back");
		assertEquals(0, r.exit(), r.err());
		Cli.Result check = Cli.run("check", tmp.resolve("Back.nnet").toString());
		assertEquals(0, check.exit(), check.out() + check.err());
		assertTrue(check.out().contains(String.format(java.util.Locale.ROOT, "%,d total", total)), check.out());
		if (example.equals("mnist/lenet5.nnet")) {
			String text = Files.readString(tmp.resolve("Back.nnet"));
			assertTrue(text.contains("image -> conv2d(6, kernel: 5, padding: 2, activation: tanh) as c1"), text);
			assertTrue(text.contains("-> dense(10, activation: softmax) as digits"), text);
		}
	}

	@Test
	void everyOperatorWithoutLayerIsOneLineAndNothingIsWritten() throws IOException {
		OnnxGraph g = new OnnxGraph("g");
		g.input(OnnxGraph.value("x", TensorProto.DataType.FLOAT, new long[] {4}));
		g.initializer("w", Tensor.filled(0.5f, 4, 3));
		g.node("fc", "MatMul", OnnxGraph.in("x", "w"), "h");
		g.node("odd", "Softsign", OnnxGraph.in("h"), "s");
		g.node("erf", "Erf", OnnxGraph.in("s"), "y");
		g.output(OnnxGraph.value("y", TensorProto.DataType.FLOAT, new long[] {3}));
		Path model = tmp.resolve("odd.onnx");
		Files.write(model, g.model("test", "").toByteArray());
		Path dir = tmp.resolve("out");
		Cli.Result r = Cli.run("import", model.toString(), "-o", dir.toString());
		assertEquals(1, r.exit());
		List<String> lines = r.err().lines().toList();
		assertEquals(2, lines.size(), r.err());
		assertTrue(lines.get(0).endsWith("odd.onnx: node odd (Softsign) has no layer in the catalogue"), lines.get(0));
		assertTrue(lines.get(1).endsWith("odd.onnx: node erf (Erf) has no layer in the catalogue"), lines.get(1));
		assertFalse(Files.exists(dir));
	}

	@Test
	void anEarlierImportIsNotReplacedWithoutForce() throws IOException {
		Path dir = tmp.resolve("imported");
		Path model = PYTORCH.resolve("mlp.onnx");
		assertEquals(0, Cli.run("import", model.toString(), "-o", dir.toString()).exit());
		Path nnet = dir.resolve("Mlp.nnet");
		String edited = Files.readString(nnet) + "// the user's own note\n";
		Files.writeString(nnet, edited);
		Cli.Result again = Cli.run("import", model.toString(), "-o", dir.toString());
		assertEquals(1, again.exit(), again.out() + again.err());
		assertEquals("nnet import: " + nnet + " exists: give --force to replace it, or another folder or --name", again.err().strip());
		assertEquals(edited, Files.readString(nnet), "the user's file is untouched");
		assertEquals(0, Cli.run("import", model.toString(), "-o", dir.toString(), "--force").exit());
		assertFalse(Files.readString(nnet).contains("the user's own note"));
		try (var files = Files.list(dir)) {
			assertEquals(List.of("Mlp.nnet", "Mlp.weights.zip"), files.map(f -> f.getFileName().toString()).sorted().toList(),
					"no temporary file is left");
		}
	}

	@Test
	void aMalformedFileIsOneLine() throws IOException {
		Path model = tmp.resolve("bad.onnx");
		Files.writeString(model, "this is not a protobuf message at all, just text\n");
		Cli.Result r = Cli.run("import", model.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(1, r.exit());
		assertEquals(1, r.err().lines().count(), r.err());
		assertTrue(r.err().startsWith("nnet import: " + model + " is not an ONNX model"), r.err());
		assertFalse(Files.exists(tmp.resolve("out")));
	}

	/** A tensor of make_models.py's .io.bin files. */
	private record Io(long[] shape, float[] floats, long[] longs) {
		static Io read(InputStream in) throws IOException {
			DataInputStream d = new DataInputStream(in);
			ByteBuffer head = ByteBuffer.wrap(d.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
			head.getInt();
			int rank = head.getInt();
			ByteBuffer dims = ByteBuffer.wrap(d.readNBytes(4 * rank)).order(ByteOrder.LITTLE_ENDIAN);
			long[] shape = new long[rank];
			int n = 1;
			for (int i = 0; i < rank; i++) {
				shape[i] = dims.getInt();
				n *= (int) shape[i];
			}
			// PyTorch's token inputs are int64, everything else float32
			boolean tokens = rank == 2 && shape[1] == 9;
			ByteBuffer data = ByteBuffer.wrap(d.readNBytes(n * (tokens ? 8 : 4))).order(ByteOrder.LITTLE_ENDIAN);
			if (tokens) {
				long[] v = new long[n];
				for (int i = 0; i < n; i++) {
					v[i] = data.getLong();
				}
				return new Io(shape, null, v);
			}
			float[] v = new float[n];
			for (int i = 0; i < n; i++) {
				v[i] = data.getFloat();
			}
			return new Io(shape, v, null);
		}
	}
}
