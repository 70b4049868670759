package org.nnet.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.nnet.lang.NnetStandaloneSetup;
import org.nnet.model.Element;
import org.nnet.model.Import;
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

	/** The most sibling files parsed for one command. */
	static final int MAX_SIBLINGS = 200;

	/**
	 * Loads the named files, links and validates them. Sibling .nnet files of their folders are parsed only
	 * when a named file has a reference that does not resolve without them (or an import), and only those
	 * whose text mentions such a name: at most {@value #MAX_SIBLINGS}, regular files of at most
	 * {@link SourceFiles#MAX_BYTES} bytes. A sibling that cannot be read or parsed (binary, too big, too deep,
	 * a FIFO) is left out and never fails a named file. Unreadable named files become diagnostics; nothing
	 * here throws for bad input.
	 */
	public NnetWorkspace load(List<Path> files) {
		Map<Path, String> texts = new LinkedHashMap<>();
		Map<Path, String> shownNames = new LinkedHashMap<>();
		for (Path file : files) {
			String shown = file.toString();
			Path absolute = file.toAbsolutePath().normalize();
			try {
				texts.put(absolute, SourceFiles.read(absolute));
				shownNames.put(absolute, shown);
			} catch (SourceFiles.UnreadableFileException e) {
				diagnostics.add(new Diagnostic(shown, e.line, e.column, "error", "org.nnet.cli.unreadableFile",
						e.getMessage()));
			}
		}
		loadRequested(texts, shownNames);
		Set<String> wanted = new LinkedHashSet<>();
		requested.keySet().forEach(r -> wanted.addAll(wantedNames(r)));
		Map<Path, String> siblings = wanted.isEmpty() ? Map.of() : siblings(texts.keySet(), wanted);
		if (!siblings.isEmpty()) {
			// again in a fresh resource set, with the siblings that may declare those names
			for (Resource r : new ArrayList<>(resourceSet.getResources())) {
				r.unload();
			}
			resourceSet.getResources().clear();
			requested.clear();
			siblings.forEach(this::loadSibling);
			loadRequested(texts, shownNames);
		}
		for (Map.Entry<Resource, String> entry : requested.entrySet()) {
			validate(entry.getKey(), entry.getValue());
		}
		return this;
	}

	private void loadRequested(Map<Path, String> texts, Map<Path, String> shownNames) {
		texts.forEach((path, text) -> requested.put(loadText(path, text), shownNames.get(path)));
		for (Resource r : new ArrayList<>(resourceSet.getResources())) {
			try {
				EcoreUtil.resolveAll(r);
			} catch (RuntimeException | StackOverflowError e) {
				if (!requested.containsKey(r)) {
					resourceSet.getResources().remove(r); // a sibling that cannot be linked: left out
				} else {
					throw e;
				}
			}
		}
	}

	/**
	 * The names a sibling must mention to matter: the simple names a resource refers to that do not resolve,
	 * the packages it imports, and the names it declares (a sibling declaring one too is an error).
	 */
	private static Set<String> wantedNames(Resource resource) {
		Set<String> names = new LinkedHashSet<>();
		for (var it = resource.getAllContents(); it.hasNext();) {
			EObject o = it.next();
			if (o instanceof Element e && e.eContainer() instanceof Model && e.getName() != null) {
				names.add(e.getName());
			}
			if (o instanceof Import imp && imp.getImportedNamespace() != null) {
				names.add(imp.getImportedNamespace().replace(".*", ""));
			}
			for (EReference ref : o.eClass().getEAllReferences()) {
				if (ref.isContainment() || ref.isContainer()) {
					continue;
				}
				Object v = o.eGet(ref, false);
				List<?> values = v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
				if (values.stream().anyMatch(x -> x instanceof EObject e && e.eIsProxy())) {
					for (INode node : NodeModelUtils.findNodesForFeature(o, ref)) {
						String text = NodeModelUtils.getTokenText(node).trim();
						names.add(text.substring(text.lastIndexOf('.') + 1));
					}
				}
			}
		}
		names.removeIf(String::isBlank);
		return names;
	}

	/** The texts of the siblings of the named files that mention one of {@code wanted}; see {@link #load}. */
	private static Map<Path, String> siblings(Set<Path> named, Set<String> wanted) {
		Set<Path> folders = new LinkedHashSet<>();
		named.forEach(p -> {
			if (p.getParent() != null) {
				folders.add(p.getParent());
			}
		});
		Map<Path, String> found = new LinkedHashMap<>();
		for (Path folder : folders) {
			List<Path> siblings = new ArrayList<>();
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.nnet")) {
				stream.forEach(siblings::add);
			} catch (IOException | RuntimeException e) {
				continue; // the folder cannot be listed: names from sibling files will be reported as unknown
			}
			siblings.sort(null);
			for (Path sibling : siblings) {
				Path absolute = sibling.toAbsolutePath().normalize();
				if (found.size() >= MAX_SIBLINGS) {
					return found;
				}
				if (named.contains(absolute) || found.containsKey(absolute)) {
					continue;
				}
				try {
					String text = SourceFiles.read(absolute);
					if (wanted.stream().anyMatch(text::contains)) {
						found.put(absolute, text);
					}
				} catch (SourceFiles.UnreadableFileException e) {
					// not ours to report: the user did not name it
				}
			}
		}
		return found;
	}

	/** Parses a sibling; one the parser cannot take (too deep for the stack, say) is left out. */
	private void loadSibling(Path path, String text) {
		try {
			loadText(path, text);
		} catch (RuntimeException | StackOverflowError e) {
			Resource r = resourceSet.getResource(URI.createFileURI(path.toString()), false);
			if (r != null) {
				resourceSet.getResources().remove(r);
			}
		}
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
