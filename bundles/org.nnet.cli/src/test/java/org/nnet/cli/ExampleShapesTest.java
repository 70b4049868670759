package org.nnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.ShapeInference;
import org.nnet.core.shape.Shape;
import org.nnet.model.Element;
import org.nnet.model.Model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every example checks without an error and gives exactly the shapes and parameter counts written in
 * its comments; {@code nnet check --json} prints the document of issue 2.
 * <p>
 * A comment on a line with steps ({@code // [6, 28, 28]   156}) gives the shape of the line's last step
 * and the trainable parameters of the line's steps: one number is their sum, {@code 384 + 24,832} lists
 * the counts of the steps that have parameters, in order, and no number means none. A comment on the
 * closing brace of a declaration ({@code // total 61,706}, {@code // 200,960 + 8,224 = 209,184}) gives its
 * total, and the summands, if any, are the totals of its nodes that have parameters, in order.
 */
class ExampleShapesTest {

	/** How many figure comments each example holds, so that a comment the parser skips is noticed. */
	private static final Map<String, Integer> FIGURE_COMMENTS = Map.of(
			"fashion/inception.nnet", 6,
			"generative/autoencoders.nnet", 6,
			"generative/gan.nnet", 9,
			"mnist/lenet5.nnet", 9,
			"mnist/mlp.nnet", 5,
			"text/char_lstm.nnet", 4,
			"text/seq2seq_attention.nnet", 5);

	/** A comment that states figures: it starts with a shape, a number or "total". */
	private static final Pattern FIGURES = Pattern.compile("^(total\\b|\\[|\\d)");
	private static final Pattern RAW_FIGURE_COMMENT = Pattern.compile("//\\s*(total\\b|\\[|\\d)");
	private static final Pattern STEP_COMMENT = Pattern.compile("^(?:\\[([^\\]]*)\\])?\\s*(.*)$");
	private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(,\\d{3})+|\\d+");

	static List<Path> examples() {
		return Examples.files();
	}

	@Test
	void everyKnownExampleIsPresent() {
		List<String> names = examples().stream().map(Examples::name).toList();
		assertTrue(names.containsAll(FIGURE_COMMENTS.keySet()), "examples found: " + names);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void exampleChecksWithoutErrorsAndMatchesEveryFigureInItsComments(Path file) {
		NnetWorkspace workspace = new NnetWorkspace().load(List.of(file));
		List<Diagnostic> errors = workspace.diagnostics().stream().filter(Diagnostic::isError).toList();
		assertEquals(List.of(), errors, "errors in " + file);

		Resource resource = workspace.requestedFiles().keySet().iterator().next();
		Model model = NnetWorkspace.model(resource);
		assertNotNull(model, "nothing parsed in " + file);

		// every top-level node by the line its step starts on, and every declaration by the line of its closing brace
		ShapeInference inference = new ShapeInference();
		Map<Integer, List<NodeReport>> stepsByLine = new TreeMap<>();
		Map<Integer, ModelReport> declarationsByClosingLine = new TreeMap<>();
		for (Element element : model.getElements()) {
			ModelReport report = inference.infer(element);
			if (report == null) {
				continue;
			}
			assertFalse(report.hasErrors(), () -> element.getName() + ": " + report.problems());
			declarationsByClosingLine.put(closingBraceLine(element), report);
			for (NodeReport node : report.nodes()) {
				if (!"input".equals(node.kind()) && node.source() != null) {
					stepsByLine.computeIfAbsent(NodeModelUtils.getNode(node.source()).getStartLine(), l -> new ArrayList<>())
							.add(node);
				}
			}
		}

		int checked = 0;
		for (Map.Entry<Integer, String> comment : lineComments((XtextResource) resource).entrySet()) {
			int line = comment.getKey();
			String text = comment.getValue();
			if (!FIGURES.matcher(text).find()) {
				continue;
			}
			String where = Examples.name(file) + ":" + line + " `" + text + "`";
			if (declarationsByClosingLine.containsKey(line)) {
				checkTotal(declarationsByClosingLine.get(line), text, where);
			} else if (stepsByLine.containsKey(line)) {
				checkSteps(stepsByLine.get(line), text, where);
			} else {
				fail(where + ": a figure comment neither on a step nor on a declaration's closing brace");
			}
			checked++;
		}

		long rawCount = Examples.read(file).lines().filter(l -> RAW_FIGURE_COMMENT.matcher(l).find()).count();
		assertEquals(rawCount, checked, "figure comments checked in " + file + " (by a plain text search)");
		Integer expected = FIGURE_COMMENTS.get(Examples.name(file));
		if (expected != null) {
			assertEquals(expected, checked, "figure comments checked in " + file);
		}
	}

	private static void checkSteps(List<NodeReport> steps, String text, String where) {
		Matcher m = STEP_COMMENT.matcher(text);
		assertTrue(m.matches(), where);
		if (m.group(1) != null) {
			NodeReport last = steps.get(steps.size() - 1);
			assertEquals(parseShape(m.group(1), where), sizes(last.shape()), where + ": shape of " + last.name());
		}
		List<Long> stated = parseSum(m.group(2), where);
		List<Long> actual = steps.stream().map(NodeReport::trainable).toList();
		assertFalse(actual.contains(null), where + ": unknown count in " + names(steps));
		long sum = actual.stream().mapToLong(Long::longValue).sum();
		if (stated.isEmpty()) {
			assertEquals(0, sum, where + ": no count is written, so " + names(steps) + " should have no parameters");
		} else if (stated.size() == 1) {
			assertEquals(stated.get(0), sum, where + ": trainable parameters of " + names(steps));
		} else {
			assertEquals(stated, actual.stream().filter(c -> c != 0).toList(), where + ": trainable parameters of " + names(steps));
		}
	}

	private static void checkTotal(ModelReport report, String text, String where) {
		String figures = text.replaceFirst("^total\\b", "").trim();
		String[] sides = figures.split("=", -1);
		assertTrue(sides.length <= 2, where);
		List<Long> total = parseSum(sides[sides.length - 1], where);
		assertEquals(1, total.size(), where + ": one total");
		assertEquals(total.get(0), report.total(), where + ": total of " + report.qualifiedName());
		if (sides.length == 2) {
			List<Long> summands = parseSum(sides[0], where);
			assertEquals(total.get(0), summands.stream().mapToLong(Long::longValue).sum(), where + ": the comment's own sum");
			List<Long> nodeTotals = new ArrayList<>();
			for (NodeReport node : report.nodes()) {
				if (!"input".equals(node.kind()) && node.total() != null && node.total() != 0) {
					nodeTotals.add(node.total());
				}
			}
			assertEquals(summands, nodeTotals, where + ": totals of the nodes of " + report.qualifiedName());
		}
	}

	/** {@code 384 + 24,832} as [384, 24832]; an empty text as []. */
	private static List<Long> parseSum(String text, String where) {
		List<Long> numbers = new ArrayList<>();
		if (text.isBlank()) {
			return numbers;
		}
		for (String part : text.split("\\+", -1)) {
			String p = part.trim();
			assertTrue(NUMBER.matcher(p).matches(), where + ": not a count: '" + p + "'");
			numbers.add(Long.parseLong(p.replace(",", "")));
		}
		return numbers;
	}

	/** {@code 6, 28, 28} as [6, 28, 28]; {@code ?} as null. */
	private static List<Long> parseShape(String text, String where) {
		List<Long> sizes = new ArrayList<>();
		for (String part : text.split(",", -1)) {
			String p = part.trim();
			if (p.equals("?")) {
				sizes.add(null);
			} else {
				assertTrue(p.matches("\\d+"), where + ": not a size: '" + p + "'");
				sizes.add(Long.parseLong(p));
			}
		}
		return sizes;
	}

	private static List<Long> sizes(Shape shape) {
		assertTrue(shape.isRankKnown(), "rank unknown: " + shape);
		List<Long> sizes = new ArrayList<>();
		for (Shape.Dimension d : shape.dims()) {
			sizes.add(d.size());
		}
		return sizes;
	}

	private static List<String> names(List<NodeReport> steps) {
		return steps.stream().map(NodeReport::name).toList();
	}

	/** The line of a declaration's closing brace: its last token. */
	private static int closingBraceLine(Element element) {
		ICompositeNode node = NodeModelUtils.getNode(element);
		ILeafNode last = null;
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (!leaf.isHidden()) {
				last = leaf;
			}
		}
		assertNotNull(last);
		assertEquals("}", last.getText(), "last token of " + element.getName());
		return last.getStartLine();
	}

	/** Every {@code //} comment by line, as the parser saw it, without the slashes. */
	private static Map<Integer, String> lineComments(XtextResource resource) {
		Map<Integer, String> comments = new LinkedHashMap<>();
		for (INode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
			if (leaf.getGrammarElement() instanceof TerminalRule rule && rule.getName().equals("SL_COMMENT")) {
				String previous = comments.put(leaf.getStartLine(), leaf.getText().substring(2).trim());
				assertEquals(null, previous, "two comments on line " + leaf.getStartLine());
			}
		}
		return comments;
	}

	// ---- the JSON document of nnet check --json (issue 2)

	private static JsonObject checkJson(Path... files) {
		List<String> args = new ArrayList<>(List.of("check", "--json"));
		for (Path f : files) {
			args.add(f.toString());
		}
		Cli.Result result = Cli.run(args.toArray(String[]::new));
		assertEquals("", result.err(), "stderr");
		return JsonParser.parseString(result.out()).getAsJsonObject();
	}

	private static JsonObject model(JsonObject root, String qualifiedName) {
		for (JsonElement m : root.getAsJsonArray("models")) {
			if (m.getAsJsonObject().get("name").getAsString().equals(qualifiedName)) {
				return m.getAsJsonObject();
			}
		}
		throw new AssertionError("no model " + qualifiedName + " in " + root);
	}

	private static JsonObject node(JsonObject model, String name) {
		for (JsonElement n : model.getAsJsonArray("nodes")) {
			if (n.getAsJsonObject().get("name").getAsString().equals(name)) {
				return n.getAsJsonObject();
			}
		}
		throw new AssertionError("no node " + name + " in " + model);
	}

	private static List<String> nodeNames(JsonObject model) {
		List<String> names = new ArrayList<>();
		model.getAsJsonArray("nodes").forEach(n -> names.add(n.getAsJsonObject().get("name").getAsString()));
		return names;
	}

	private static JsonArray array(Object... values) {
		JsonArray a = new JsonArray();
		for (Object v : values) {
			if (v == null) {
				a.add(JsonNull.INSTANCE);
			} else {
				a.add(((Number) v).longValue());
			}
		}
		return a;
	}

	@Test
	void jsonListsLeNet5WithQualifiedNameTotalsPortsAndNodes() {
		JsonObject root = checkJson(Examples.folder().resolve("mnist/lenet5.nnet"));
		assertEquals(0, root.getAsJsonArray("diagnostics").size(), root.toString());
		assertEquals(1, root.getAsJsonArray("models").size());
		JsonObject lenet = model(root, "examples.mnist.LeNet5");
		assertEquals("network", lenet.get("kind").getAsString());
		assertEquals(61706, lenet.get("trainable").getAsLong());
		assertEquals(61706, lenet.get("total").getAsLong());

		JsonArray inputs = lenet.getAsJsonArray("inputs");
		assertEquals(1, inputs.size());
		assertEquals("image", inputs.get(0).getAsJsonObject().get("name").getAsString());
		assertEquals(array(1, 28, 28), inputs.get(0).getAsJsonObject().get("shape"));
		JsonArray outputs = lenet.getAsJsonArray("outputs");
		assertEquals(1, outputs.size());
		assertEquals("digits", outputs.get(0).getAsJsonObject().get("name").getAsString());
		assertEquals(array(10), outputs.get(0).getAsJsonObject().get("shape"));

		assertEquals(List.of("c1", "s2", "c3", "s4", "flatten_1", "f5", "f6", "digits"), nodeNames(lenet));
		JsonObject c1 = node(lenet, "c1");
		assertEquals("conv2d", c1.get("kind").getAsString());
		assertEquals(array(6, 28, 28), c1.get("shape"));
		assertEquals(156, c1.get("trainable").getAsLong());
		assertEquals(156, c1.get("total").getAsLong());
		assertEquals("flatten", node(lenet, "flatten_1").get("kind").getAsString());
		assertEquals(0, node(lenet, "flatten_1").get("trainable").getAsLong());
		// the cost before training (core's Cost, tested there formula by formula): c1 is 156 weights at 28x28
		// positions plus tanh on its 4,704 outputs; the model's sum is every node's
		assertEquals(2L * 156 * 784 + 4704, c1.get("flops").getAsLong());
		assertEquals(4704L * 4, c1.get("activation_bytes").getAsLong());
		long flops = 0;
		for (var n : lenet.getAsJsonArray("nodes")) {
			flops += n.getAsJsonObject().get("flops").getAsLong();
		}
		assertEquals(flops, lenet.get("flops").getAsLong());
	}

	@Test
	void jsonGivesUnnamedNodesGeneratedNamesCountingTheirKind() {
		JsonObject root = checkJson(Examples.folder().resolve("generative/gan.nnet"));
		assertEquals(List.of("dense_1", "dense_2", "dense_3", "image"), nodeNames(model(root, "examples.generative.Generator")));
		assertEquals(List.of("flatten_1", "dense_1", "dropout_1", "dense_2", "real"),
				nodeNames(model(root, "examples.generative.Discriminator")));
		JsonObject gan = model(root, "examples.generative.DigitGan");
		assertEquals("gan", gan.get("kind").getAsString());
		assertEquals(1093137, gan.get("total").getAsLong());
	}

	@Test
	void jsonWritesUnknownDimensionsAsNull() {
		JsonObject root = checkJson(Examples.folder().resolve("fashion/inception.nnet"));
		JsonObject inception = model(root, "examples.fashion.Inception");
		assertEquals(array(null, null, null), inception.getAsJsonArray("inputs").get(0).getAsJsonObject().get("shape"));
		// its parameters are bound only where it is used: its counts are unknown too
		assertTrue(inception.get("trainable").isJsonNull());
		assertTrue(node(inception, "b1").get("trainable").isJsonNull());

		JsonObject mini = model(root, "examples.fashion.MiniInception");
		JsonObject mixed = node(mini, "mixed");
		assertEquals("Inception", mixed.get("kind").getAsString());
		assertEquals(array(80, 14, 14), mixed.get("shape"));
		assertEquals(9704, mixed.get("trainable").getAsLong());
		assertEquals(8, mixed.getAsJsonArray("children").size(), "Inception's layers under the step");
	}

	@Test
	void jsonListsACompositesMembersAndTheInsertedGaussian() {
		JsonObject root = checkJson(Examples.folder().resolve("generative/autoencoders.nnet"));
		JsonObject vae = model(root, "examples.generative.DigitVae");
		assertEquals("autoencoder", vae.get("kind").getAsString());
		assertEquals(807700, vae.get("total").getAsLong());
		JsonArray members = vae.getAsJsonArray("members");
		assertEquals(2, members.size());
		assertEquals("encoder", members.get(0).getAsJsonObject().get("role").getAsString());
		assertEquals("examples.generative.VaeEncoder", members.get(0).getAsJsonObject().get("name").getAsString(),
				"member names are qualified, like every model name");
		assertEquals(401920, members.get(0).getAsJsonObject().get("total").getAsLong());
		assertEquals("decoder", members.get(1).getAsJsonObject().get("role").getAsString());
		assertEquals(403728, members.get(1).getAsJsonObject().get("total").getAsLong());
		JsonObject gaussian = node(vae, "gaussian");
		assertEquals(array(2), gaussian.get("shape"));
		assertEquals(2052, gaussian.get("total").getAsLong());
	}

	@Test
	void jsonDiagnosticsCarryFileLineColumnSeverityCodeAndMessage(@TempDir Path dir) throws IOException {
		Path bad = dir.resolve("bad.nnet");
		Files.writeString(bad, """
				package demo

				network Bad {
				    input image: [1, 28, 28]
				    image -> dense(10) as y
				    output y
				}
				""");
		JsonObject root = checkJson(bad);
		JsonArray diagnostics = root.getAsJsonArray("diagnostics");
		assertEquals(1, diagnostics.size(), diagnostics.toString());
		JsonObject d = diagnostics.get(0).getAsJsonObject();
		assertEquals(bad.toString(), d.get("file").getAsString());
		assertEquals(5, d.get("line").getAsInt());
		assertEquals(14, d.get("column").getAsInt());
		assertEquals("error", d.get("severity").getAsString());
		assertFalse(d.get("code").getAsString().isBlank());
		assertTrue(d.get("message").getAsString().contains("insert flatten()"), d.toString());
		assertEquals("demo.Bad", model(root, "demo.Bad").get("name").getAsString());
	}
}
