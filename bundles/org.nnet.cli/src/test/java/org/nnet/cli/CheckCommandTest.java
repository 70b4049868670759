package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnet check FILE...}: exit codes, the text format, unreadable files and names across files. */
class CheckCommandTest {

	private static final Pattern DIAGNOSTIC_LINE = Pattern.compile("^(.+):(\\d+):(\\d+): (error|warning): (.+)$");

	@TempDir
	Path dir;

	private Path write(String name, String text) throws IOException {
		Path file = dir.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
		return file;
	}

	private Path writeBytes(String name, byte[] bytes) throws IOException {
		Path file = dir.resolve(name);
		Files.write(file, bytes);
		return file;
	}

	private static List<String> diagnosticLines(Cli.Result result) {
		return result.out().lines().filter(l -> DIAGNOSTIC_LINE.matcher(l).matches()).toList();
	}

	private static void assertNoStackTrace(Cli.Result result) {
		String all = result.out() + result.err();
		assertFalse(all.contains("Exception"), all);
		assertFalse(all.contains("\tat "), all);
		assertFalse(all.contains("internal error"), all);
	}

	private static final String ENCODER = """
			package shared

			network Enc {
			    input x: [8]
			    x -> dense(4) as code
			    output code
			}
			""";

	@Test
	void validExamplesExitZeroAndPrintEveryNetworkWithItsTotals() {
		Path lenet = Examples.folder().resolve("mnist/lenet5.nnet");
		Path mlp = Examples.folder().resolve("mnist/mlp.nnet");
		Cli.Result result = Cli.run("check", lenet.toString(), mlp.toString());
		assertEquals(0, result.exit(), result.out());
		assertTrue(result.out().contains("network examples.mnist.LeNet5  61,706 trainable, 61,706 total"), result.out());
		assertTrue(result.out().contains("network examples.mnist.Mlp  203,530 trainable, 203,530 total"), result.out());
		assertEquals(List.of(), diagnosticLines(result));
		assertNoStackTrace(result);
	}

	@Test
	void everyExampleTogetherExitsZero() {
		String[] args = new String[Examples.files().size() + 1];
		args[0] = "check";
		for (int i = 0; i < Examples.files().size(); i++) {
			args[i + 1] = Examples.files().get(i).toString();
		}
		Cli.Result result = Cli.run(args);
		assertEquals(0, result.exit(), result.out());
		assertFalse(result.out().contains(": error: "), result.out());
	}

	@Test
	void anErrorExitsOneAndIsPrintedAsFileLineColumnErrorSentence() throws IOException {
		Path bad = write("bad.nnet", """
				package demo

				network Bad {
				    input image: [1, 28, 28]
				    image -> dense(10) as y
				    output y
				}
				""");
		Cli.Result result = Cli.run("check", bad.toString());
		assertEquals(1, result.exit(), result.out());
		List<String> lines = diagnosticLines(result);
		assertEquals(1, lines.size(), result.out());
		Matcher m = DIAGNOSTIC_LINE.matcher(lines.get(0));
		assertTrue(m.matches());
		assertEquals(bad.toString(), m.group(1));
		assertEquals("5", m.group(2));
		assertEquals("14", m.group(3));
		assertEquals("error", m.group(4));
		assertEquals("dense expects a flat input but gets [1, 28, 28]: insert flatten() before it", m.group(5));
		assertTrue(result.out().contains("1 error, 0 warnings"), result.out());
		assertNoStackTrace(result);
	}

	@Test
	void aSyntaxErrorExitsOneWithItsPlace() throws IOException {
		Path bad = write("syntax.nnet", "package demo\n\nnetwork Broken {\n    input x: [4\n    output x\n}\n");
		Cli.Result result = Cli.run("check", bad.toString());
		assertEquals(1, result.exit(), result.out());
		List<String> lines = diagnosticLines(result);
		assertFalse(lines.isEmpty(), result.out());
		Matcher m = DIAGNOSTIC_LINE.matcher(lines.get(0));
		assertTrue(m.matches());
		assertEquals("error", m.group(4));
		int line = Integer.parseInt(m.group(2));
		assertTrue(line >= 4 && line <= 5, lines.get(0));
		assertNoStackTrace(result);
	}

	@Test
	void aBinaryFileIsOneClearError() throws IOException {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0 };
		Path file = writeBytes("picture.nnet", png);
		Cli.Result result = Cli.run("check", file.toString());
		assertEquals(1, result.exit(), result.out());
		List<String> lines = diagnosticLines(result);
		assertEquals(1, lines.size(), result.out());
		assertTrue(lines.get(0).startsWith(file + ":"), lines.get(0));
		assertTrue(lines.get(0).contains("error: this is a binary file, not .nnet text"), lines.get(0));
		assertNoStackTrace(result);
	}

	@Test
	void aNonUtf8FileIsOneClearErrorAtTheBadByte() throws IOException {
		// "café" in Latin-1 inside a comment on line 2
		byte[] text = "package demo\n// caf\u00e9\nnetwork N {\n    input x: [4]\n    output x\n}\n"
				.getBytes(StandardCharsets.ISO_8859_1);
		Path file = writeBytes("latin1.nnet", text);
		Cli.Result result = Cli.run("check", file.toString());
		assertEquals(1, result.exit(), result.out());
		List<String> lines = diagnosticLines(result);
		assertEquals(1, lines.size(), result.out());
		assertTrue(lines.get(0).startsWith(file + ":2:7: error: the file is not UTF-8 text"), lines.get(0));
		assertTrue(lines.get(0).contains("save it as UTF-8"), lines.get(0));
		assertNoStackTrace(result);
	}

	@Test
	void aMissingFileIsAnErrorAndTheOtherFilesAreStillChecked() throws IOException {
		Path good = write("good.nnet", ENCODER);
		Path missing = dir.resolve("nowhere.nnet");
		Cli.Result result = Cli.run("check", missing.toString(), good.toString());
		assertEquals(1, result.exit(), result.out());
		assertEquals(List.of(missing + ":1:1: error: no such file"), diagnosticLines(result));
		assertTrue(result.out().contains("network shared.Enc"), result.out());
		assertNoStackTrace(result);
	}

	@Test
	void noFileIsAUsageErrorNotACheck() {
		Cli.Result result = Cli.run("check");
		assertEquals(2, result.exit());
		assertTrue(result.err().contains("FILE"), result.err());
	}

	@Test
	void aNetworkOfAnotherFileInTheSamePackageResolves() throws IOException {
		write("enc.nnet", ENCODER);
		Path user = write("use.nnet", """
				package shared

				network Use {
				    input v: [8]
				    v -> Enc -> dense(2) as out
				    output out
				}
				""");
		Cli.Result result = Cli.run("check", user.toString());
		assertEquals(0, result.exit(), result.out());
		// Enc's 36 parameters count in Use: 8*4+4 + 4*2+2
		assertTrue(result.out().contains("network shared.Use  46 trainable, 46 total"), result.out());
	}

	@Test
	void anImportedNetworkOfAnotherPackageResolves() throws IOException {
		write("enc.nnet", ENCODER);
		Path user = write("use.nnet", """
				package other

				import shared.Enc

				network Imported {
				    input v: [8]
				    v -> Enc -> dense(2) as out
				    output out
				}
				""");
		Cli.Result result = Cli.run("check", user.toString());
		assertEquals(0, result.exit(), result.out());
		assertTrue(result.out().contains("network other.Imported  46 trainable, 46 total"), result.out());
	}

	@Test
	void aWildcardImportResolves() throws IOException {
		write("enc.nnet", ENCODER);
		Path user = write("use.nnet", """
				package other

				import shared.*

				network Imported {
				    input v: [8]
				    v -> Enc as e
				    output e
				}
				""");
		Cli.Result result = Cli.run("check", user.toString());
		assertEquals(0, result.exit(), result.out());
	}

	@Test
	void aNetworkOfAnotherPackageWithoutImportIsAnError() throws IOException {
		write("enc.nnet", ENCODER);
		Path user = write("use.nnet", """
				package other

				network NotImported {
				    input v: [8]
				    v -> Enc as e
				    output e
				}
				""");
		Cli.Result result = Cli.run("check", user.toString());
		assertEquals(1, result.exit(), result.out());
		List<String> lines = diagnosticLines(result);
		assertTrue(lines.stream().anyMatch(l -> l.startsWith(user + ":5:") && l.contains("Enc")), result.out());
	}

	@Test
	void aNetworkDeclaredInTwoFilesOfOnePackageIsAnError() throws IOException {
		Path one = write("one.nnet", ENCODER);
		Path two = write("two.nnet", ENCODER);
		Cli.Result result = Cli.run("check", one.toString(), two.toString());
		assertEquals(1, result.exit(), result.out());
		assertEquals(List.of(one + ":3:9: error: 'shared.Enc' is also declared in two.nnet: names must be unique within a package",
				two + ":3:9: error: 'shared.Enc' is also declared in one.nnet: names must be unique within a package"),
				diagnosticLines(result));

		// naming only one of them still finds the other in its folder
		Cli.Result single = Cli.run("check", one.toString());
		assertEquals(1, single.exit(), single.out());
		assertEquals(1, diagnosticLines(single).size(), single.out());
	}
}
