package org.nnet.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension4;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;

/**
 * The parsed .nnet files of each project, kept between keystrokes: a file whose text is unchanged
 * (same modification stamp of its open document, or of the file on disk) is not parsed again, so a
 * reconcile parses only the document being edited. One resource set per project, used under its lock
 * by the editors' reconcilers and hyperlinks; refactorings, which change models, use
 * {@link ProjectSources} instead.
 */
public final class SourceCache {

	private static final Map<IProject, SourceCache> CACHES = new HashMap<>();

	/**
	 * A loaded file: the resource and the stamp (of its open document or, if none, of the file) or,
	 * for the edited one, the text it was loaded from.
	 */
	private record Entry(XtextResource resource, long stamp, boolean fromDocument, String text) {
	}

	private final XtextResourceSet resourceSet;
	private final Map<IFile, Entry> entries = new LinkedHashMap<>();

	private SourceCache() {
		resourceSet = NnetLanguage.injector().getInstance(XtextResourceSet.class);
		resourceSet.addLoadOption(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
	}

	/**
	 * Runs {@code work} on the file's resource parsed from {@code text}, with the project's other .nnet
	 * files loaded beside it (re-parsed only if they changed), holding the project's lock. A document
	 * without a file is parsed on its own.
	 */
	public static <T> T withText(IFile file, String text, Function<XtextResource, T> work) {
		if (file == null) {
			return work.apply(ProjectSources.withText(null, text).resource(null));
		}
		SourceCache cache;
		synchronized (CACHES) {
			cache = CACHES.computeIfAbsent(file.getProject(), p -> new SourceCache());
		}
		synchronized (cache) {
			return work.apply(cache.update(file, text));
		}
	}

	/** Forgets every project's files (tests and benchmarks measuring a cold start). */
	public static void clear() {
		synchronized (CACHES) {
			CACHES.clear();
		}
	}

	private XtextResource update(IFile file, String text) {
		List<IFile> files = ProjectSources.nnetFiles(file.getProject());
		// files that are gone
		for (Iterator<Map.Entry<IFile, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
			Map.Entry<IFile, Entry> e = it.next();
			if (!files.contains(e.getKey()) && !e.getKey().equals(file)) {
				unload(e.getValue().resource());
				it.remove();
			}
		}
		for (IFile other : files) {
			if (!other.equals(file)) {
				refresh(other);
			}
		}
		Entry edited = entries.get(file);
		if (edited == null || edited.text() == null || !edited.text().equals(text)) {
			if (edited != null) {
				unload(edited.resource());
			}
			edited = new Entry(load(file, text), -1, true, text);
			entries.put(file, edited);
		}
		EcoreUtil.resolveAll(edited.resource());
		return edited.resource();
	}

	private void refresh(IFile file) {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
				LocationKind.IFILE);
		IDocument document = buffer == null ? null : buffer.getDocument();
		long stamp = document instanceof IDocumentExtension4 d ? d.getModificationStamp() : file.getModificationStamp();
		Entry cached = entries.get(file);
		if (cached != null && cached.text() == null && cached.stamp() == stamp && cached.fromDocument() == (document != null)
				&& cached.stamp() != IDocumentExtension4.UNKNOWN_MODIFICATION_STAMP) {
			return;
		}
		if (cached != null) {
			unload(cached.resource());
			entries.remove(file);
		}
		try {
			String text = ProjectSources.currentText(file);
			entries.put(file, new Entry(load(file, text), stamp, document != null, null));
		} catch (IOException | CoreException | RuntimeException e) {
			// an unreadable sibling: its names are reported as unknown where they are used
		}
	}

	private void unload(Resource resource) {
		// unloading turns the file's objects into proxies, so references from other files resolve anew
		resource.unload();
		resourceSet.getResources().remove(resource);
	}

	private XtextResource load(IFile file, String text) {
		return ProjectSources.parse(resourceSet, file, text);
	}
}
