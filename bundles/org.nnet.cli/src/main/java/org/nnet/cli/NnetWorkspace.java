package org.nnet.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.nnet.lang.NnetStandaloneSetup;
import org.nnet.model.Model;

import com.google.inject.Injector;

/**
 * The .nnet files of one command: the files the user named, plus the other .nnet files of their folders
 * so that names declared there resolve (as they would in an Eclipse project). Loads, links and validates
 * them, and turns every problem into a {@link Diagnostic} on the user's file and line.
 */
public final class NnetWorkspace {

	private static Injector injector;

	private final XtextResourceSet resourceSet;
	private final IResourceValidator validator;
	private final Map<Resource, String> requested = new LinkedHashMap<>();
	private final List<Diagnostic> diagnostics = new ArrayList<>();

	/** A workspace with nothing loaded. */
	public NnetWorkspace() {
		Injector in = injector();
		resourceSet = in.getInstance(XtextResourceSet.class);
		resourceSet.addLoadOption(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
		validator = in.getInstance(IResourceValidator.class);
	}

	private static synchronized Injector injector() {
		if (injector == null) {
			injector = new NnetStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	/** The language's injector, shared by every workspace of this process. */
	public static Injector languageInjector() {
		return injector();
	}

	/**
	 * Loads the named files (and their sibling .nnet files), links and validates them. Unreadable files
	 * become diagnostics; nothing here throws for bad input.
	 */
	public NnetWorkspace load(List<Path> files) {
		List<Path> siblings = new ArrayList<>();
		for (Path file : files) {
			String shown = file.toString();
			Path absolute = file.toAbsolutePath().normalize();
			try {
				String text = SourceFiles.read(absolute);
				Resource resource = loadText(absolute, text);
				requested.put(resource, shown);
			} catch (SourceFiles.UnreadableFileException e) {
				diagnostics.add(new Diagnostic(shown, e.line, e.column, "error", "org.nnet.cli.unreadableFile",
						e.getMessage()));
				continue;
			}
			Path folder = absolute.getParent();
			if (folder != null) {
				try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.nnet")) {
					stream.forEach(siblings::add);
				} catch (IOException | RuntimeException e) {
					// the folder cannot be listed: names from sibling files will be reported as unknown
				}
			}
		}
		for (Path sibling : siblings) {
			URI uri = URI.createFileURI(sibling.toAbsolutePath().normalize().toString());
			if (resourceSet.getResource(uri, false) == null) {
				try {
					loadText(sibling, SourceFiles.read(sibling));
				} catch (SourceFiles.UnreadableFileException e) {
					// not ours to report: the user did not name it
				}
			}
		}
		EcoreUtil.resolveAll(resourceSet);
		for (Map.Entry<Resource, String> entry : requested.entrySet()) {
			validate(entry.getKey(), entry.getValue());
		}
		return this;
	}

	/** Loads one file's text as a resource of this workspace (also used for text that is not on disk). */
	public Resource loadText(Path path, String text) {
		URI uri = URI.createFileURI(path.toAbsolutePath().normalize().toString());
		Resource resource = resourceSet.createResource(uri);
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), resourceSet.getLoadOptions());
		} catch (IOException e) {
			throw new IllegalStateException("cannot parse in-memory text", e);
		}
		return resource;
	}

	private void validate(Resource resource, String shown) {
		List<Issue> issues;
		try {
			issues = validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
		} catch (RuntimeException e) {
			diagnostics.add(new Diagnostic(shown, 1, 1, "error", "org.nnet.cli.internalError",
					"the checker failed on this file (" + e + "); please report it with the file"));
			return;
		}
		issues = new ArrayList<>(issues);
		issues.sort(java.util.Comparator.comparing((Issue i) -> i.getLineNumber() == null ? 0 : i.getLineNumber())
				.thenComparing(i -> i.getColumn() == null ? 0 : i.getColumn()));
		for (Issue issue : issues) {
			String severity = switch (issue.getSeverity()) {
			case ERROR -> "error";
			case WARNING -> "warning";
			default -> "info";
			};
			if ("info".equals(severity)) {
				continue;
			}
			Integer line = issue.getLineNumber();
			Integer column = issue.getColumn();
			diagnostics.add(new Diagnostic(shown, line == null ? 1 : line, column == null ? 1 : column, severity,
					issue.getCode() == null ? "org.nnet.syntax" : issue.getCode(), issue.getMessage()));
		}
	}

	/** The loaded files the user named, with the name the user gave, in order. */
	public Map<Resource, String> requestedFiles() {
		return requested;
	}

	/** The parsed model of a file, or null when nothing could be parsed. */
	public static Model model(Resource resource) {
		return resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model m) ? null : m;
	}

	/** Every diagnostic of the named files, in file order. */
	public List<Diagnostic> diagnostics() {
		return diagnostics;
	}

	/** Whether any named file has an error. */
	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(Diagnostic::isError);
	}
}
