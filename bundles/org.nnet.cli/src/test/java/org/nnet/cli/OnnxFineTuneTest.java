package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnet.cli.onnx.CheckpointWeights;
import org.nnet.cli.onnx.Tensor;

import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;

/**
 * An imported model fine-tunes: {@code nnet train --init NAME.weights.zip} starts from the imported weights (the
 * runtime reads them as the checkpoint of epoch 0), so that after one short epoch the weights are still close to them
 * and far from what the training's own seed would have drawn; the run then exports to ONNX with its trained weights.
 */
class OnnxFineTuneTest {

	@TempDir
	Path tmp;

	@Test
	void trainingStartsFromImportedWeights() throws Exception {
		Path onnx = tmp.resolve("mlp.onnx");
		assertEquals(0, Cli.run("export", "--onnx", Examples.folder().resolve("mnist/mlp.nnet").toString(), "-o", onnx.toString()).exit());
		Path dir = tmp.resolve("imported");
		Cli.Result r = Cli.run("import", onnx.toString(), "-o", dir.toString(), "--name", "Mlp");
		assertEquals(0, r.exit(), r.err());
		// the user adds a training to the imported file; its seed 99 would draw other weights than the export's seed 1
		Path nnet = dir.resolve("Mlp.nnet");
		Files.writeString(nnet, Files.readString(nnet) + "\ntraining FineTune {\n    model: Mlp\n    data: mnist(split: train)\n"
				+ "    loss: cross_entropy\n    optimizer: adam(lr: 1e-3)\n    batch: 128\n    epochs: 1\n    seed: 99\n}\n");
		Path weights = dir.resolve("Mlp.weights.zip");
		Cli.Result t = Cli.run("train", nnet.toString(), "--init", weights.toString(), "--take", "256", "--runs", tmp.resolve("runs").toString());
		assertEquals(0, t.exit(), t.out() + t.err());
		assertTrue(t.out().contains("starting from " + weights), t.out());
		Path run;
		try (Stream<Path> s = Files.list(tmp.resolve("runs").resolve("FineTune"))) {
			run = s.findFirst().orElseThrow();
		}
		Map<String, Tensor> start = CheckpointWeights.read(weights, "model");
		Map<String, Tensor> trained = CheckpointWeights.read(CheckpointWeights.latest(run), "model");
		assertEquals(start.keySet(), trained.keySet());
		float[] a = start.get("dense_1/W").data(), b = trained.get("dense_1/W").data();
		double moved = 0;
		for (int i = 0; i < a.length; i++) {
			moved = Math.max(moved, Math.abs(a[i] - b[i]));
		}
		// two Adam steps of 1e-3 move a weight by a few thousandths; another Glorot draw of 784x256 differs by up to 0.15
		assertTrue(moved < 0.01, "the weights moved by " + moved + ": training did not start from the imported ones");
		assertTrue(moved > 0, "the weights did not train");

		// and the fine-tuned run exports: its last checkpoint's weights are the model's initializers
		Path again = tmp.resolve("tuned.onnx");
		Cli.Result e = Cli.run("export", "--onnx", run.toString(), "-o", again.toString());
		assertEquals(0, e.exit(), e.err());
		assertTrue(e.out().contains("network Mlp, 203,530 parameters from checkpoints/epoch-0001.zip"), e.out());
		ModelProto m = ModelProto.parseFrom(Files.readAllBytes(again));
		int found = 0;
		for (TensorProto init : m.getGraph().getInitializerList()) {
			if (init.getName().equals("dense_1/W")) {
				found++;
				java.nio.FloatBuffer f = init.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
				assertEquals(b[12345], f.get(12345));
			}
		}
		assertEquals(1, found);
	}
}
