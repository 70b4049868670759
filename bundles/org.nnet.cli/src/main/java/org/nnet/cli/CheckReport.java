package org.nnet.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.emf.ecore.resource.Resource;
import org.nnet.core.inference.Cost;
import org.nnet.core.inference.MemberReport;
import org.nnet.core.inference.ModelReport;
import org.nnet.core.inference.NodeReport;
import org.nnet.core.inference.Port;
import org.nnet.core.inference.ShapeInference;
import org.nnet.core.shape.Shape;
import org.nnet.model.Element;
import org.nnet.model.Model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * What {@code nnet check} found: every network, autoencoder and GAN of the named files with its
 * nodes' shapes and parameter counts, and every diagnostic. Printed as text for people, or as the JSON
 * document tools rely on ({@code {"models": [...], "diagnostics": [...]}}; keep it stable).
 */
final class CheckReport {

	private final List<Diagnostic> diagnostics;
	private final List<ModelReport> models = new ArrayList<>();
	private final List<String> modelFiles = new ArrayList<>();

	private CheckReport(List<Diagnostic> diagnostics) {
		this.diagnostics = diagnostics;
	}

	static CheckReport of(NnetWorkspace workspace) {
		CheckReport report = new CheckReport(workspace.diagnostics());
		ShapeInference inference = new ShapeInference();
		workspace.requestedFiles().forEach((Resource resource, String shown) -> {
			Model model = NnetWorkspace.model(resource);
			if (model == null) {
				return;
			}
			for (Element element : model.getElements()) {
				ModelReport r = inference.infer(element);
				if (r != null) {
					report.models.add(r);
					report.modelFiles.add(shown);
				}
			}
		});
		return report;
	}

	// ---- JSON

	String toJson() {
		JsonObject root = new JsonObject();
		JsonArray modelArray = new JsonArray();
		for (int i = 0; i < models.size(); i++) {
			modelArray.add(json(models.get(i), modelFiles.get(i)));
		}
		root.add("models", modelArray);
		JsonArray diags = new JsonArray();
		for (Diagnostic d : diagnostics) {
			JsonObject o = new JsonObject();
			o.addProperty("file", d.file());
			o.addProperty("line", d.line());
			o.addProperty("column", d.column());
			o.addProperty("severity", d.severity());
			o.addProperty("code", d.code());
			o.addProperty("message", d.message());
			diags.add(o);
		}
		root.add("diagnostics", diags);
		return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root);
	}

	private static JsonObject json(ModelReport r, String file) {
		JsonObject o = new JsonObject();
		o.addProperty("name", r.qualifiedName());
		o.addProperty("kind", r.kind().name().toLowerCase(Locale.ROOT));
		o.addProperty("file", file);
		o.add("trainable", count(r.trainable()));
		o.add("total", count(r.total()));
		Cost cost = Cost.total(r);
		o.add("flops", count(cost.flops()));
		o.add("activation_bytes", count(cost.activationBytes()));
		o.add("inputs", ports(r.inputs()));
		o.add("outputs", ports(r.outputs()));
		Map<NodeReport, Cost> costs = Cost.of(r);
		JsonArray nodes = new JsonArray();
		for (NodeReport n : r.nodes()) {
			if (!"input".equals(n.kind())) {
				nodes.add(json(n, costs));
			}
		}
		if (r.gaussian() != null && !r.nodes().contains(r.gaussian())) {
			nodes.add(json(r.gaussian(), costs));
		}
		o.add("nodes", nodes);
		if (!r.members().isEmpty()) {
			JsonArray members = new JsonArray();
			for (MemberReport m : r.members()) {
				JsonObject mo = new JsonObject();
				mo.addProperty("role", m.role());
				mo.addProperty("name", m.report() != null && m.report().qualifiedName() != null
						? m.report().qualifiedName() : m.networkName());
				mo.add("trainable", count(m.trainable()));
				mo.add("total", count(m.total()));
				members.add(mo);
			}
			o.add("members", members);
		}
		return o;
	}

	private static JsonObject json(NodeReport n, Map<NodeReport, Cost> costs) {
		JsonObject o = new JsonObject();
		o.addProperty("name", n.name());
		o.addProperty("kind", n.kind());
		o.add("shape", shape(n.shape()));
		o.add("trainable", count(n.trainable()));
		o.add("total", count(n.total()));
		Cost cost = costs.get(n);
		o.add("flops", count(cost == null ? null : cost.flops()));
		o.add("activation_bytes", count(cost == null ? null : cost.activationBytes()));
		if (n.isNetworkStep()) {
			JsonArray children = new JsonArray();
			for (NodeReport child : n.children()) {
				if (!"input".equals(child.kind())) {
					children.add(json(child, costs));
				}
			}
			o.add("children", children);
		}
		return o;
	}

	private static JsonArray ports(List<Port> ports) {
		JsonArray array = new JsonArray();
		for (Port p : ports) {
			JsonObject o = new JsonObject();
			o.addProperty("name", p.name());
			o.add("shape", shape(p.shape()));
			if (p.shape() != null && p.shape().isTokens()) {
				o.add("vocab", count(p.shape().vocab()));
			}
			array.add(o);
		}
		return array;
	}

	/** A shape as a JSON array of sizes, an unknown size as null; an unknown rank is null. */
	private static JsonElement shape(Shape shape) {
		if (shape == null || !shape.isRankKnown()) {
			return JsonNull.INSTANCE;
		}
		JsonArray array = new JsonArray();
		for (Shape.Dimension d : shape.dims()) {
			array.add(d.size() == null ? JsonNull.INSTANCE : new JsonPrimitive(d.size()));
		}
		return array;
	}

	private static JsonElement count(Long value) {
		return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value);
	}

	// ---- text

	void printText(PrintStream out) {
		String lastFile = null;
		for (int i = 0; i < models.size(); i++) {
			ModelReport r = models.get(i);
			if (!modelFiles.get(i).equals(lastFile)) {
				lastFile = modelFiles.get(i);
				out.println(lastFile);
			}
			printModel(out, r);
		}
		for (Diagnostic d : diagnostics) {
			out.println(d);
		}
		long errors = diagnostics.stream().filter(Diagnostic::isError).count();
		long warnings = diagnostics.size() - errors;
		if (errors + warnings > 0) {
			out.println(plural(errors, "error") + ", " + plural(warnings, "warning"));
		}
	}

	private static void printModel(PrintStream out, ModelReport r) {
		String kind = r.kind().name().toLowerCase(Locale.ROOT);
		out.printf("  %s %s  %s trainable, %s total%n", kind, r.qualifiedName(), ModelReport.format(r.trainable()),
				ModelReport.format(r.total()));
		List<String[]> rows = new ArrayList<>();
		for (Port p : r.inputs()) {
			rows.add(new String[] { p.name(), "input", String.valueOf(p.shape()), "" });
		}
		for (NodeReport n : r.nodes()) {
			if (!"input".equals(n.kind())) {
				addRows(rows, n, "");
			}
		}
		if (r.gaussian() != null && !r.nodes().contains(r.gaussian())) {
			addRows(rows, r.gaussian(), "");
		}
		int[] width = new int[4];
		for (String[] row : rows) {
			for (int c = 0; c < 4; c++) {
				width[c] = Math.max(width[c], row[c].length());
			}
		}
		for (String[] row : rows) {
			String line = String.format("    %-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %"
					+ Math.max(1, width[3]) + "s", row[0], row[1], row[2], row[3]);
			out.println(line.stripTrailing());
		}
	}

	private static void addRows(List<String[]> rows, NodeReport n, String indent) {
		Long params = n.trainable();
		String count = params != null && params == 0 ? "" : ModelReport.format(params);
		if (n.total() != null && params != null && !n.total().equals(params)) {
			count += " (+" + ModelReport.format(n.total() - params) + " state)";
		}
		rows.add(new String[] { indent + n.name(), n.kind(), String.valueOf(n.shape()), count });
		for (NodeReport child : n.children()) {
			if (!"input".equals(child.kind())) {
				addRows(rows, child, indent + "  ");
			}
		}
	}

	private static String plural(long n, String word) {
		return n + " " + word + (n == 1 ? "" : "s");
	}
}
