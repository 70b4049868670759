package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, items 4 and 7: models that passed check and failed later are errors of check, at their line. */
class CheckRulesTest {
	@TempDir
	Path dir;

	private Cli.Result check(String name, String text) throws IOException {
		return Cli.run("check", Files.writeString(dir.resolve(name), text).toString());
	}

	private static void assertError(Cli.Result r, String place, String message) {
		String all = r.out() + r.err();
		assertEquals(1, r.exit(), all);
		assertTrue(all.lines().anyMatch(l -> l.contains(place + ": error: ") && l.contains(message)), all);
		assertFalse(all.contains("Exception") || all.contains("internal error"), all);
	}

	@Test
	void twoNetworksUsingEachOtherAreAnError() throws IOException {
		Cli.Result r = check("cycle.nnet", """
				package t

				network A {
				    input x: [4]
				    x -> B() as out
				    output out
				}

				network B {
				    input x: [4]
				    x -> A() as out
				    output out
				}
				""");
		assertError(r, "cycle.nnet:5:10", "B uses A again through its steps: networks cannot use each other in a cycle");
		assertError(r, "cycle.nnet:11:10", "A uses B again through its steps");
	}

	@Test
	void aLayerTooLargeForTheRuntimesArraysIsAnError() throws IOException {
		Cli.Result r = check("big.nnet", """
				package t

				network Big {
				    input x: [4]
				    x -> dense(1000000000) as out
				    output out
				}
				""");
		assertError(r, "big.nnet:5:10", "This dense has 5,000,000,000 parameters, more than the 2,147,483,647");
	}

	@Test
	void aNetworkNamedLikeABuiltinIsAnError() throws IOException {
		Cli.Result r = check("shadow.nnet", """
				package t

				network dense(units: int) {
				    input x: [4]
				    x -> relu as out
				    output out
				}
				""");
		assertError(r, "shadow.nnet:3:9", "'dense' is the name of a built-in");
	}

	@Test
	void aPackageOfTheJdkIsAnErrorAndNothingIsGenerated() throws IOException {
		String text = """
				package java.util

				network N {
				    input x: [4]
				    x -> dense(3) as out
				    output out
				}
				""";
		Files.writeString(dir.resolve("points.csv"), "a,b,c,d,cls\n1,2,3,4,0\n1,2,3,4,1\n1,2,3,4,2\n");
		assertError(check("jdk.nnet", text + """

				training T {
				    model: N
				    data: csv("points.csv", label: "cls")
				    optimizer: sgd(lr: 0.1)
				    epochs: 1
				}
				"""), "jdk.nnet:1:9", "The package java.util belongs to the JDK");
		Cli.Result generated = Cli.run("generate", dir.resolve("jdk.nnet").toString(), "-o", dir.resolve("project").toString());
		assertEquals(1, generated.exit(), generated.out() + generated.err());
		assertEquals(1, generated.err().lines().filter(l -> l.contains(": error: ")).count(), "only the package is wrong: " + generated.err());
		assertFalse(Files.exists(dir.resolve("project")), "nothing generated");
	}
}
