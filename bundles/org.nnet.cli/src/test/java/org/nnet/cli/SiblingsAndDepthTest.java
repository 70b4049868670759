package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, items 3 and 4: what lies beside the named file never fails it, and nesting deeper than any real
 * model is one error at its line instead of a StackOverflowError.
 */
class SiblingsAndDepthTest {
	@TempDir
	Path dir;

	private static final String USER = """
			package t

			network User {
			    input x: [4]
			    x -> Shared() -> dense(2) as out
			    output out
			}
			""";

	private Path writeUserAndShared() throws IOException {
		Files.writeString(dir.resolve("shared.nnet"), """
				package t

				network Shared {
				    input x: [4]
				    x -> dense(3) as h
				    output h
				}
				""");
		return Files.writeString(dir.resolve("user.nnet"), USER);
	}

	private static String nested(int depth) {
		return "package t\n\nnetwork Deep {\n    input x: [4]\n    x -> dense(" + "(".repeat(depth) + "3" + ")".repeat(depth)
				+ ") as out\n    output out\n}\n";
	}

	@Test
	void aFifoAHugeFileAndADeeplyNestedFileBesideTheNamedOneAreLeftOut() throws Exception {
		Path user = writeUserAndShared();
		Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.nnet").toString()).start();
		assertEquals(0, mkfifo.waitFor());
		try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.nnet").toFile(), "rw")) {
			big.setLength(SourceFiles.MAX_BYTES + 1); // mentions nothing, but is read only if its size allows
		}
		Files.writeString(dir.resolve("deep.nnet"), nested(2_000).replace("Deep", "Shared2") + "// Shared\n");
		Files.write(dir.resolve("noise.nnet"), new byte[] { 'S', 'h', 'a', 'r', 'e', 'd', 0, (byte) 0xff, '(', '(' });
		Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("check", user.toString()));
		assertEquals(0, r.exit(), r.out() + r.err());
		assertFalse(r.err().contains("StackOverflow") || r.err().contains("internal error"), r.err());
	}

	@Test
	void manySiblingsAreNotParsedWhenTheNamedFileDoesNotNeedThem() throws Exception {
		Path user = writeUserAndShared();
		for (int i = 0; i < 1_000; i++) {
			Files.writeString(dir.resolve("other" + i + ".nnet"), nested(20).replace("Deep", "Other" + i));
		}
		Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("check", user.toString()));
		assertEquals(0, r.exit(), r.out() + r.err());
	}

	@Test
	void aNameNoSiblingDeclaresIsStillAnErrorAtItsPlace() throws IOException {
		Path user = Files.writeString(dir.resolve("user.nnet"), USER);
		Cli.Result r = Cli.run("check", user.toString());
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.out().contains("user.nnet:5:10: error:") || r.err().contains("user.nnet:5:10: error:"), r.out() + r.err());
	}

	@Test
	void deepNestingIsOneErrorAtItsLine() throws IOException {
		Path parens = Files.writeString(dir.resolve("parens.nnet"), nested(1_250));
		Path brackets = Files.writeString(dir.resolve("brackets.nnet"),
				"package t\n\nnetwork B {\n    input x: " + "[".repeat(1_000) + "4" + "]".repeat(1_000) + "\n}\n");
		Path repeats = Files.writeString(dir.resolve("repeats.nnet"), "package t\n\nnetwork R {\n    input x: [4]\n    x -> "
				+ "repeat(1) { ".repeat(1_800) + "dense(4)" + " }".repeat(1_800) + " as out\n    output out\n}\n");
		for (Path p : new Path[] { parens, brackets, repeats }) {
			Cli.Result r = Cli.run("check", p.toString());
			String all = r.out() + r.err();
			assertEquals(1, r.exit(), all);
			assertTrue(all.contains(p.getFileName() + ":") && all.contains("nested more than 200 levels deep"), all);
			assertFalse(all.contains("StackOverflow") || all.contains("internal error"), all);
		}
	}

	@Test
	void aFifoNamedOnTheCommandLineIsOneError() throws Exception {
		Path fifo = dir.resolve("named.nnet");
		assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
		Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("check", fifo.toString()));
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue((r.out() + r.err()).contains("this is not a regular file"), r.out() + r.err());
	}

	@Test
	void theDiagramOfA5000LayerChainIsExported() throws IOException {
		StringBuilder chain = new StringBuilder("package t\n\nnetwork Chain {\n    input x: [4]\n    x");
		chain.append(" -> dense(4)".repeat(5_000)).append(" as out\n    output out\n}\n");
		Path nnet = Files.writeString(dir.resolve("chain.nnet"), chain);
		Path svg = dir.resolve("chain.svg");
		Cli.Result r = Cli.run("export", "--diagram", nnet.toString(), "-o", svg.toString());
		assertEquals(0, r.exit(), r.err());
		assertTrue(Files.size(svg) > 100_000);
	}
}
