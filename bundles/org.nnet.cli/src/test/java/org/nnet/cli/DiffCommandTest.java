package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnet diff OLD NEW}: two versions of LeNet-5 compared node by node, not line by line. */
class DiffCommandTest {

	@TempDir
	Path folder;

	private Path version(String name, String text) throws Exception {
		Path dir = Files.createDirectories(folder.resolve(name));
		Path file = dir.resolve("lenet5.nnet");
		Files.writeString(file, text, StandardCharsets.UTF_8);
		return file;
	}

	@Test
	void aWidenedLayerAnInsertedDropoutAndARemovedPoolAreNamedWithTheirCounts() throws Exception {
		String lenet = Files.readString(Examples.folder().resolve("mnist/lenet5.nnet"), StandardCharsets.UTF_8);
		Path old = version("old", lenet);
		String changed = lenet.replace("dense(120, activation: tanh) as f5", "dense(128, activation: tanh) as f5\n          -> dropout(0.25)");
		assertTrue(!changed.equals(lenet), "the example has the line this test edits");
		Path now = version("new", changed);

		Cli.Result r = Cli.run("diff", old.toString(), now.toString());
		assertEquals(1, r.exit(), r.out() + r.err());
		String out = r.out();
		// f5: 400 x 128 + 128 = 51,328 (was 48,120); f6: 128 x 84 + 84 = 10,836 (was 10,164)
		assertTrue(out.contains("~ network examples.mnist.LeNet5  61,706 -> 65,586 parameters"), out);
		assertTrue(out.contains("~ f5: dense(120, activation: tanh) -> dense(128, activation: tanh); [120] -> [128]; 48,120 -> 51,328 parameters"), out);
		assertTrue(out.contains("+ dropout_1 dropout [128] 0 parameters (dropout(0.25))"), out);
		assertTrue(out.contains("~ f6: inputs [f5] -> [dropout_1]; 10,164 -> 10,836 parameters"), out);
		assertEquals(3, out.lines().filter(l -> l.startsWith("    ")).count(), out);
	}

	@Test
	void theSameModelDiffersInNothingWhateverItsLayout() throws Exception {
		String lenet = Files.readString(Examples.folder().resolve("mnist/lenet5.nnet"), StandardCharsets.UTF_8);
		Path old = version("old", lenet);
		Path now = version("new", lenet.replace("    ", "  ").replaceAll("//[^\n]*", ""));
		Cli.Result r = Cli.run("diff", old.toString(), now.toString());
		assertEquals(0, r.exit(), r.out() + r.err());
		assertEquals("  network examples.mnist.LeNet5  unchanged\n", r.out().replace("\r", ""));
	}

	@Test
	void aFileThatIsNotThereIsOneErrorAndExit2() throws Exception {
		Path old = version("old", Files.readString(Examples.folder().resolve("mnist/mlp.nnet"), StandardCharsets.UTF_8));
		Cli.Result r = Cli.run("diff", old.toString(), folder.resolve("missing.nnet").toString());
		assertEquals(2, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("missing.nnet"), r.err());
		assertTrue(!r.err().contains("Exception"), r.err());
	}
}
