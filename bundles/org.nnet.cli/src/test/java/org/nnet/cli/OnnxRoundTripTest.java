package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnet.generator.GeneratedProgram;
import org.nnet.generator.NetworkPlan;
import org.nnet.generator.TrainingGenerator;
import org.nnet.model.Training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * Export → ONNX Runtime gives what the runtime gives: for an example network, the generated program builds its graph
 * in a child JVM on the runtime ({@link SameDiffForward}), its weights are moved off their initial values and saved as a
 * run's checkpoint, and the outputs of SameDiff at inference on 100 inputs are compared with ONNX Runtime's on the
 * model {@code nnet export --onnx RUN_DIR} writes, to 1e-5 absolute.
 */
class OnnxRoundTripTest {
	private static final int SAMPLES = 100;

	@TempDir
	Path tmp;

	@ParameterizedTest
	@CsvSource({ "mnist/mlp.nnet", "mnist/lenet5.nnet", "fashion/inception.nnet", "text/char_lstm.nnet", "onnx/layers_images.nnet",
			"onnx/layers_sequences.nnet" })
	void exportedRunComputesWhatTheRuntimeComputes(String example) throws Exception {
		roundTrip(example, true);
	}

	/** {@code nnet export --onnx FILE.nnet} writes the weights the training starts from: the runtime's draws, value for value. */
	@ParameterizedTest
	@CsvSource({ "mnist/mlp.nnet", "mnist/lenet5.nnet" })
	void exportedFileHasTheInitialWeights(String example) throws Exception {
		roundTrip(example, false);
	}

	private void roundTrip(String example, boolean fromRun) throws Exception {
		// the examples, and the networks of src/test/resources/onnx that use every other layer the exporter covers
		Path file = example.startsWith("onnx/") ? Path.of("src/test/resources").resolve(example).toAbsolutePath()
				: Examples.folder().resolve(example);
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		Training training = TrainingSelection.select(file, null, new PrintStream(errors, true, StandardCharsets.UTF_8));
		NetworkPlan plan = NetworkPlan.of(training);
		NetworkPlan.Step input = plan.steps().get(0);
		String output = plan.outputs().get(0);

		// the generated program, compiled against the runtime, as nnet train does
		GeneratedProgram generated = new TrainingGenerator().generate(training);
		Path runDir = Files.createDirectories(tmp.resolve("run"));
		Path source = runDir.resolve("src").resolve(generated.relativePath());
		Files.createDirectories(source.getParent());
		Files.writeString(source, generated.source());
		RuntimeClasspath runtime = RuntimeClasspath.locate();
		assertNull(ProgramCompiler.compile(List.of(source), runDir.resolve("classes"), runtime.entries()));
		Files.writeString(runDir.resolve(TrainCommand.PROGRAM_FILE), "training=" + training.getName() + "\nmainClass="
				+ generated.qualifiedName() + "\nsource=" + file.toAbsolutePath().toString().replace("\\", "\\\\") + "\n");

		// 100 inputs: pixels in [0, 1), or tokens below the vocabulary size
		long[] sample = new long[input.shape().rank()];
		for (int i = 0; i < sample.length; i++) {
			sample[i] = input.shape().size(i);
		}
		boolean tokens = input.shape().isTokens();
		long vocab = tokens ? input.shape().vocab() : 0;
		int size = (int) java.util.Arrays.stream(sample).reduce(1, (a, b) -> a * b);
		Random random = new Random(7);
		float[] pixels = new float[SAMPLES * size];
		int[] ids = new int[SAMPLES * size];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = random.nextFloat();
			ids[i] = random.nextInt((int) Math.max(1, vocab));
		}
		long[] batchShape = new long[sample.length + 1];
		batchShape[0] = SAMPLES;
		System.arraycopy(sample, 0, batchShape, 1, sample.length);
		Path inputs = tmp.resolve("inputs.bin"), outputs = tmp.resolve("outputs.bin");
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(inputs)))) {
			out.writeInt(SAMPLES);
			out.writeInt(batchShape.length);
			for (long d : batchShape) {
				out.writeInt((int) d);
			}
			for (int i = 0; i < pixels.length; i++) {
				if (tokens) {
					out.writeInt(ids[i]);
				} else {
					out.writeFloat(pixels[i]);
				}
			}
		}

		// SameDiff at inference, and the checkpoint of its (perturbed) weights
		List<Path> cp = new ArrayList<>(List.of(runDir.resolve("classes"),
				Path.of(SameDiffForward.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
		cp.addAll(runtime.entries());
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--enable-native-access=ALL-UNNAMED", "-cp", cp.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)),
				SameDiffForward.class.getName(), generated.qualifiedName(), Long.toString(seedOf(training)), runDir.toString(), input.graphName(), output,
				inputs.toString(), outputs.toString(), fromRun ? "perturbed" : "initial"));
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
		pb.environment().put("OMP_NUM_THREADS", "1");
		Process child = pb.start();
		assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the SameDiff side timed out");
		assertEquals(0, child.exitValue(), () -> readQuietly(tmp.resolve("child.log")));
		float[] expected;
		long[] expectedShape;
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(outputs)))) {
			in.readInt();
			expectedShape = new long[in.readInt()];
			int n = 1;
			for (int i = 0; i < expectedShape.length; i++) {
				expectedShape[i] = in.readInt();
				n *= (int) expectedShape[i];
			}
			expected = new float[n];
			for (int i = 0; i < n; i++) {
				expected[i] = in.readFloat();
			}
		}

		// the export of the run, in ONNX Runtime
		Path onnx = tmp.resolve("model.onnx");
		Cli.Result r = Cli.run("export", "--onnx", (fromRun ? runDir : file).toString(), "-o", onnx.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(r.out().contains(fromRun ? "from checkpoints" : "from initial weights"), r.out());
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
				OnnxTensor x = tokens ? OnnxTensor.createTensor(env, IntBuffer.wrap(ids), batchShape)
						: OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), batchShape);
				OrtSession.Result result = session.run(Map.of(input.graphName(), x))) {
			OnnxTensor y = (OnnxTensor) result.get(0);
			assertEquals(java.util.Arrays.toString(expectedShape), java.util.Arrays.toString(y.getInfo().getShape()));
			FloatBuffer got = y.getFloatBuffer();
			double worst = 0;
			for (int i = 0; i < expected.length; i++) {
				worst = Math.max(worst, Math.abs(got.get(i) - expected[i]));
			}
			System.out.printf("%s: %d outputs of %d samples, largest difference %.3g%n", example, expected.length, SAMPLES, worst);
			assertTrue(worst <= 1e-5, example + ": ONNX Runtime differs from SameDiff by " + worst);
		}
	}

	/** The training's seed, as the generated program's main passes it to task(seed). */
	private static long seedOf(Training t) {
		for (org.nnet.model.Property p : t.getProperties()) {
			if ("seed".equals(p.getKey()) && p.getValues().get(0) instanceof org.nnet.model.NumberLiteral n) {
				return Long.parseLong(n.getValue());
			}
		}
		return 0;
	}

	private static String readQuietly(Path p) {
		try {
			return Files.readString(p);
		} catch (IOException e) {
			return e.toString();
		}
	}
}
