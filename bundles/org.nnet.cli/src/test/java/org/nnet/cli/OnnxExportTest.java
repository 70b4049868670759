package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;

/** {@code nnet export --onnx}: what it writes for a .nnet file, and its one-line errors that write nothing. */
class OnnxExportTest {

	@TempDir
	Path tmp;

	@Test
	void lenetHasNamedNodesOpset13AndEveryParameter() throws Exception {
		Path out = tmp.resolve("lenet.onnx");
		Cli.Result r = Cli.run("export", "--onnx", Examples.folder().resolve("mnist/lenet5.nnet").toString(), "-o", out.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(r.out().contains("network LeNet5, 61,706 parameters from initial weights, seed 5 of TrainLeNet5"), r.out());
		ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
		assertEquals(13, m.getOpsetImport(0).getVersion());
		assertEquals("image", m.getGraph().getInput(0).getName());
		assertEquals("digits", m.getGraph().getOutput(0).getName());
		assertEquals("c1:Conv c1/Tanh:Tanh s2:AveragePool c3:Conv c3/Tanh:Tanh s4:AveragePool flatten_1:Flatten f5:Gemm f5/Tanh:Tanh "
				+ "f6:Gemm f6/Tanh:Tanh digits:Gemm digits/Softmax:Softmax",
				String.join(" ", m.getGraph().getNodeList().stream().map((NodeProto n) -> n.getName() + ":" + n.getOpType()).toList()));
		assertEquals(61_706, m.getGraph().getInitializerList().stream().mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b)).sum());
		try (var files = Files.list(tmp)) {
			assertEquals(1, files.count(), "no temporary file is left");
		}
	}

	@Test
	void aLayerOnnxCannotExpressIsOneLineAndNothingIsWritten() {
		Path out = tmp.resolve("s2s.onnx");
		Cli.Result r = Cli.run("export", "--onnx", Examples.folder().resolve("text/seq2seq_attention.nnet").toString(), "-o", out.toString());
		assertEquals(1, r.exit());
		assertEquals(1, r.err().lines().count(), r.err());
		assertTrue(r.err().matches("(?s).*seq2seq_attention.nnet:11:5: error: cannot export to ONNX: attention \\(context\\) has no ONNX export.*"),
				r.err());
		assertFalse(Files.exists(out));
	}

	@Test
	void aGanNeedsTheNetworkNamed() {
		Path out = tmp.resolve("gan.onnx");
		Cli.Result r = Cli.run("export", "--onnx", Examples.folder().resolve("generative/gan.nnet").toString(), "-o", out.toString());
		assertEquals(1, r.exit());
		assertTrue(r.err().contains("several networks (Generator, Discriminator): choose one with --network NAME"), r.err());
		assertFalse(Files.exists(out));
		r = Cli.run("export", "--onnx", Examples.folder().resolve("generative/gan.nnet").toString(), "--network", "Generator", "-o",
				out.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(Files.exists(out));
	}

	@Test
	void aRunFolderWithoutCheckpointIsAnError() throws Exception {
		Path run = Files.createDirectories(tmp.resolve("run"));
		Files.writeString(run.resolve(TrainCommand.PROGRAM_FILE), "training=TrainMlp\nsource=" + Examples.folder().resolve("mnist/mlp.nnet") + "\n");
		Cli.Result r = Cli.run("export", "--onnx", run.toString(), "-o", tmp.resolve("m.onnx").toString());
		assertEquals(1, r.exit());
		assertTrue(r.err().contains("has no checkpoint yet"), r.err());
		r = Cli.run("export", "--onnx", tmp.toString(), "-o", tmp.resolve("m.onnx").toString());
		assertEquals(2, r.exit());
		assertTrue(r.err().contains("is not a run folder of nnet train"), r.err());
		assertFalse(Files.exists(tmp.resolve("m.onnx")));
	}
}
