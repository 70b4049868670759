package org.nnet.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.text.IDocument;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

/**
 * The .nnet files of one workspace project loaded into one resource set, so that names declared in
 * one file resolve in the others. A file open in an editor contributes the editor's current text,
 * which is what "as you type" means; the others are read from disk.
 */
public final class ProjectSources {

	private final XtextResourceSet resourceSet;
	private final Map<IFile, XtextResource> resources = new LinkedHashMap<>();

	private ProjectSources() {
		resourceSet = NnetLanguage.injector().getInstance(XtextResourceSet.class);
		resourceSet.addLoadOption(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
	}

	/** Every .nnet file of the file's project, with {@code text} standing for the file's content. */
	public static ProjectSources withText(IFile file, String text) {
		ProjectSources sources = new ProjectSources();
		if (file == null) {
			sources.load(null, text);
			return sources;
		}
		sources.load(file, text);
		for (IFile other : nnetFiles(file.getProject())) {
			if (!other.equals(file)) {
				sources.loadQuietly(other);
			}
		}
		EcoreUtil.resolveAll(sources.resourceSet);
		return sources;
	}

	/** Every .nnet file of the project, as the editors and the disk have them. */
	public static ProjectSources of(IContainer project) {
		ProjectSources sources = new ProjectSources();
		for (IFile file : nnetFiles(project)) {
			sources.loadQuietly(file);
		}
		EcoreUtil.resolveAll(sources.resourceSet);
		return sources;
	}

	/** The resource of a file of this set (or the text-only resource when there is no file). */
	public XtextResource resource(IFile file) {
		return resources.get(file);
	}

	/** The loaded files, in load order. */
	public Map<IFile, XtextResource> resources() {
		return resources;
	}

	/** Syntax errors, linking errors and every check of the language, for one file. */
	public List<Issue> validate(IFile file) {
		XtextResource resource = resources.get(file);
		if (resource == null) {
			return List.of();
		}
		IResourceValidator validator = NnetLanguage.injector().getInstance(IResourceValidator.class);
		return validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
	}

	/** The .nnet files under a container, skipping derived folders such as {@code target/}. */
	public static List<IFile> nnetFiles(IContainer container) {
		List<IFile> files = new ArrayList<>();
		if (container == null || !container.isAccessible()) {
			return files;
		}
		try {
			container.accept(proxy -> {
				if (proxy.getType() == IResource.FILE) {
					if (proxy.getName().endsWith("." + NnetLanguage.FILE_EXTENSION)) {
						files.add((IFile) proxy.requestResource());
					}
					return false;
				}
				return !proxy.isDerived() && !proxy.getName().startsWith(".");
			}, IResource.NONE);
		} catch (CoreException e) {
			// an inaccessible folder: its files are not part of the check
		}
		return files;
	}

	/** The workspace file an editor's document belongs to, or {@code null} for a document not backed by one. */
	public static IFile fileOf(IDocument document) {
		if (document == null) {
			return null;
		}
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
		if (buffer == null) {
			return null;
		}
		IPath location = buffer.getLocation();
		return location == null ? null : ResourcesPlugin.getWorkspace().getRoot().getFile(location);
	}

	private void loadQuietly(IFile file) {
		try {
			load(file, currentText(file));
		} catch (IOException | CoreException | RuntimeException e) {
			// an unreadable sibling: its names are reported as unknown where they are used
		}
	}

	/** The text of a file as the user sees it (its editor's or its contents), empty when unreadable. */
	public static String textOf(IFile file) {
		try {
			return currentText(file);
		} catch (IOException | CoreException e) {
			return "";
		}
	}

	/** The text of a file as the user sees it: its open editor's document, else its contents on disk. */
	static String currentText(IFile file) throws IOException, CoreException {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
				LocationKind.IFILE);
		if (buffer != null) {
			return buffer.getDocument().get();
		}
		try (InputStream in = file.getContents(true)) {
			return new String(in.readAllBytes(), file.getCharset() == null ? StandardCharsets.UTF_8.name() : file.getCharset());
		}
	}

	private void load(IFile file, String text) {
		resources.put(file, parse(resourceSet, file, text));
	}

	/**
	 * Parses a text into a new resource of the set with the file's URI ({@code inmemory:} without a
	 * file): file URIs, so that the checks of data paths relative to the .nnet file see the real folder.
	 */
	static XtextResource parse(XtextResourceSet resourceSet, IFile file, String text) {
		IPath location = file == null ? null : file.getLocation();
		URI uri = file == null ? URI.createURI("inmemory:/document.nnet")
				: location != null ? URI.createFileURI(location.toOSString())
						: URI.createPlatformResourceURI(file.getFullPath().toString(), true);
		XtextResource resource = (XtextResource) resourceSet.createResource(uri);
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), resourceSet.getLoadOptions());
		} catch (IOException e) {
			throw new IllegalStateException("cannot parse text held in memory", e);
		}
		return resource;
	}

	/** The workspace file of a resource URI ({@code file:} or {@code platform:/resource}), or {@code null}. */
	public static IFile fileFor(URI uri) {
		if (uri.isFile()) {
			return ResourcesPlugin.getWorkspace().getRoot().getFileForLocation(IPath.fromOSString(uri.toFileString()));
		}
		if (uri.isPlatformResource()) {
			return ResourcesPlugin.getWorkspace().getRoot().getFile(IPath.fromPortableString(uri.toPlatformString(true)));
		}
		return null;
	}
}
