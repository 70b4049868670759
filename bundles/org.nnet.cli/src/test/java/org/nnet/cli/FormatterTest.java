package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.ExceptionAcceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Injector;

/**
 * The formatter ({@code formatting2}) through Xtext's runtime API, as an editor's Ctrl+Shift+F runs it:
 * idempotent on every example, keeping every comment and the meaning, and input/expected pairs.
 */
class FormatterTest {

	private static final AtomicInteger NEXT = new AtomicInteger();

	/** Parses the text (it must have no syntax error) and formats the whole of it. */
	static String format(String text) {
		Injector injector = NnetWorkspace.languageInjector();
		XtextResource resource = parse(injector, text);
		ITextRegionAccess regionAccess = injector.getInstance(TextRegionAccessBuilder.class).forNodeModel(resource).create();
		FormatterRequest request = injector.getInstance(FormatterRequest.class);
		request.setTextRegionAccess(regionAccess);
		request.setExceptionHandler(ExceptionAcceptor.THROWING);
		request.setFormatUndefinedHiddenRegionsOnly(false);
		request.setAllowIdentityEdits(false);
		List<ITextReplacement> replacements = injector.getInstance(IFormatter2.class).format(request);
		return regionAccess.getRewriter().renderToString(replacements);
	}

	private static XtextResource parse(Injector injector, String text) {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) resourceSet
				.createResource(URI.createURI("inmemory:/format" + NEXT.incrementAndGet() + ".nnet"));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertEquals(List.of(), resource.getErrors(), "syntax errors in:\n" + text);
		return resource;
	}

	/** The texts of every comment, in order. */
	private static List<String> comments(String text) {
		List<String> comments = new ArrayList<>();
		for (INode leaf : parse(NnetWorkspace.languageInjector(), text).getParseResult().getRootNode().getLeafNodes()) {
			if (leaf.getGrammarElement() instanceof TerminalRule rule && rule.getName().endsWith("_COMMENT")) {
				comments.add(leaf.getText().strip());
			}
		}
		return comments;
	}

	static List<Path> examples() {
		return Examples.files();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void formattingAnExampleTwiceChangesNothingTheSecondTime(Path example) {
		String once = format(Examples.read(example));
		assertEquals(once, format(once));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void examplesAreWrittenAsTheFormatterWritesThem(Path example) {
		String text = Examples.read(example);
		assertEquals(text, format(text));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void formattingAnExampleKeepsEveryComment(Path example) {
		String text = Examples.read(example);
		List<String> before = comments(text);
		assertTrue(before.size() > 0);
		assertEquals(before, comments(format(text)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void formattingAnExampleKeepsItsShapesAndCounts(Path example, @TempDir Path dir) throws IOException {
		Path original = dir.resolve("original").resolve(example.getFileName());
		Path formatted = dir.resolve("formatted").resolve(example.getFileName());
		Files.createDirectories(original.getParent());
		Files.createDirectories(formatted.getParent());
		Files.writeString(original, Examples.read(example));
		Files.writeString(formatted, format(Examples.read(example)));
		assertEquals(meaning(original), meaning(formatted));
	}

	/** The check report of a file without where things are: models, and each diagnostic's severity, code and message. */
	private static String meaning(Path file) {
		Cli.Result result = Cli.run("check", "--json", file.toString());
		JsonObject root = JsonParser.parseString(result.out()).getAsJsonObject();
		for (JsonElement m : root.getAsJsonArray("models")) {
			m.getAsJsonObject().remove("file");
		}
		for (JsonElement d : root.getAsJsonArray("diagnostics")) {
			d.getAsJsonObject().remove("file");
			d.getAsJsonObject().remove("line");
			d.getAsJsonObject().remove("column");
		}
		assertNotEquals(0, root.getAsJsonArray("models").size());
		return root.toString();
	}

	@Test
	void spacingInsideACallIsNormalised() {
		assertEquals("""
				package demo

				network N {
				    input x: [4]
				    x -> dense(128, activation: relu) -> dense(2, activation: leakyrelu(0.2), bias: false) as y
				    output y
				}
				""", format("""
				package demo

				network N {
				    input x: [4]
				    x -> dense( 128 ,activation:relu ) -> dense (2,activation : leakyrelu( 0.2 ),bias:false)  as  y
				    output y
				}
				"""));
	}

	@Test
	void arrowsAreSpacedOnBothSides() {
		assertEquals("""
				package demo

				network N {
				    input x: [4]
				    x -> dense(3) -> dropout(0.5) as y
				    output y
				}
				""", format("""
				package demo

				network N {
				    input x: [4]
				    x->dense(3)  ->dropout(0.5)as y
				    output y
				}
				"""));
	}

	@Test
	void membersOfABlockGoOnTheirOwnLinesIndentedByFour() {
		assertEquals("""
				package demo

				network N {
				    input x: [4]
				    x -> dense(2) as y
				    output y
				}

				training T {
				    model: N
				    epochs: 2
				}
				""", format("""
				package demo
				network N { input x: [4] x -> dense(2) as y output y }
				training T { model: N epochs: 2 }
				"""));
	}

	@Test
	void declarationsAreSeparatedByOneBlankLineAndBlankRunsShrinkToOne() {
		assertEquals("""
				package demo

				import other.Thing

				dataset D = mnist

				network N {
				    input x: [4]

				    output x
				}
				""", format("\n\n\npackage demo\n\n\n\nimport other.Thing\ndataset   D=mnist\nnetwork N {\n  input x: [4]\n\n\n\n  output x\n}"));
	}

	@Test
	void aChainBrokenAcrossLinesKeepsItsLineBreaks() {
		String text = """
				package demo

				network N {
				    input image: [1, 28, 28]
				    image -> flatten()                   // [784]
				          -> dense(10) as y              // [10]   7,850
				    output y
				}
				""";
		assertEquals(text, format(text));
		assertEquals(text, format(text.replace("-> dense(10) as y", "->dense( 10 )as y")));
	}

	@Test
	void shapesExpressionsAndNamedArgumentsAreSpacedLikeTheReference() {
		assertEquals("""
				package demo

				network P(n: int) {
				    input t: [time: ?, features: 8]
				    t -> dense(n * 2 + 1) -> repeat(2) { dense(-1 + n) } as y
				    output y
				}
				""", format("""
				package demo

				network P( n:int ) {
				    input t : [ time:? , features:8 ]
				    t -> dense(n*2+1) -> repeat( 2 ){ dense(- 1+n) } as y
				    output y
				}
				"""));
	}
}
