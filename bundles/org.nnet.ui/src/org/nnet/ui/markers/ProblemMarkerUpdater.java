package org.nnet.ui.markers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.util.Strings;
import org.eclipse.xtext.validation.Issue;

/**
 * Replaces the NNet problem markers of a file with markers for the issues found in it, so the
 * editor's ruler, its squiggles and the Problems view show them. Must run where the workspace may
 * be modified (a workspace job or runnable with the file as rule).
 */
public final class ProblemMarkerUpdater {

	/** The marker type: a problem marker and a text marker, persisted across sessions. */
	public static final String MARKER_TYPE = "org.nnet.ui.problem";
	/** Marker attribute: the issue code, e.g. {@code org.nnet.core.insertFlatten}. */
	public static final String ISSUE_CODE = "issueCode";
	/** Marker attribute: the issue's data for the quick fix, packed with {@link Strings#pack(String[])}. */
	public static final String ISSUE_DATA = "issueData";

	private ProblemMarkerUpdater() {
	}

	/** Deletes the file's NNet markers and creates one per error or warning. */
	public static void replace(IFile file, List<Issue> issues) throws CoreException {
		if (!file.exists()) {
			return;
		}
		file.deleteMarkers(MARKER_TYPE, true, IResource.DEPTH_ZERO);
		for (Issue issue : issues) {
			if (issue.getSeverity() == Severity.IGNORE || issue.getSeverity() == Severity.INFO) {
				continue;
			}
			file.createMarker(MARKER_TYPE, attributes(issue));
		}
	}

	/** The attributes of a marker for one issue. */
	public static Map<String, Object> attributes(Issue issue) {
		Map<String, Object> a = new HashMap<>();
		a.put(IMarker.MESSAGE, issue.getMessage());
		a.put(IMarker.SEVERITY, issue.getSeverity() == Severity.ERROR ? IMarker.SEVERITY_ERROR : IMarker.SEVERITY_WARNING);
		a.put(IMarker.LINE_NUMBER, issue.getLineNumber() == null ? 1 : issue.getLineNumber());
		if (issue.getOffset() != null && issue.getLength() != null) {
			a.put(IMarker.CHAR_START, issue.getOffset());
			a.put(IMarker.CHAR_END, issue.getOffset() + issue.getLength());
		}
		if (issue.getCode() != null) {
			a.put(ISSUE_CODE, issue.getCode());
		}
		if (issue.getData() != null && issue.getData().length > 0) {
			a.put(ISSUE_DATA, Strings.pack(issue.getData()));
		}
		a.put(IMarker.SOURCE_ID, "NNet");
		return a;
	}

	/** The quick-fix data of a marker (empty when it has none). */
	public static String[] data(IMarker marker) {
		String packed = marker.getAttribute(ISSUE_DATA, null);
		if (packed == null) {
			return new String[0];
		}
		String[] data = Strings.unpack(packed);
		return data == null ? new String[0] : data;
	}
}
