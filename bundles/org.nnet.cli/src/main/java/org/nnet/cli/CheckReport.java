package org.nnet.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** What {@code nnet check} found, as text for people or as the JSON document tools rely on. */
final class CheckReport {

	private final List<Diagnostic> diagnostics;
	private final JsonArray models = new JsonArray();
	private final List<String> text = new ArrayList<>();

	private CheckReport(List<Diagnostic> diagnostics) {
		this.diagnostics = diagnostics;
	}

	static CheckReport of(NnetWorkspace workspace) {
		CheckReport report = new CheckReport(workspace.diagnostics());
		return report;
	}

	String toJson() {
		JsonObject root = new JsonObject();
		root.add("models", models);
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
		return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root);
	}

	void printText(PrintStream out) {
		text.forEach(out::println);
		diagnostics.forEach(out::println);
	}
}
