package org.nnet.ui.refactoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.RefactoringStatus;
import org.eclipse.xtext.EcoreUtil2;
import org.nnet.diagram.DiagramPins;
import org.nnet.model.Element;
import org.nnet.model.Network;
import org.nnet.model.Node;
import org.nnet.model.Symbol;

/**
 * The part of a rename that keeps a diagram's pinned node positions ({@code FILE.nnet.layout}, see
 * {@link DiagramPins}) with their nodes: the pins are kept by node id ({@code Network/node}), so renaming a
 * network or one of its nodes renames those ids in the side file of the file that declares it. Undoing the
 * rename writes the old ids back. Without a side file, or when no pin has such an id, there is no change.
 */
final class LayoutRenameChange extends Change {

	private final IFile nnetFile;
	private final Path layout;
	private final DiagramPins before;
	private final DiagramPins after;

	private LayoutRenameChange(IFile nnetFile, Path layout, DiagramPins before, DiagramPins after) {
		this.nnetFile = nnetFile;
		this.layout = layout;
		this.before = before;
		this.after = after;
	}

	/**
	 * The change of the side file of {@code declaring} when {@code symbol}, named {@code oldName}, is renamed to
	 * {@code newName}, or {@code null} when no pin is affected (a side file that cannot be read is left alone).
	 */
	static LayoutRenameChange of(IFile declaring, Symbol symbol, String oldName, String newName) {
		if (declaring == null || declaring.getLocation() == null) {
			return null;
		}
		String oldId;
		String newId;
		if (symbol instanceof Element) {
			oldId = oldName;
			newId = newName;
		} else if (symbol instanceof Node && EcoreUtil2.getContainerOfType(symbol, Network.class) instanceof Network n) {
			oldId = n.getName() + "/" + oldName;
			newId = n.getName() + "/" + newName;
		} else {
			return null;
		}
		Path layout = DiagramPins.fileOf(declaring.getLocation().toPath());
		if (!Files.exists(layout)) {
			return null;
		}
		boolean[] unreadable = new boolean[1];
		DiagramPins pins = DiagramPins.read(layout, warning -> unreadable[0] = true);
		DiagramPins renamed = pins.renamed(oldId, newId);
		return unreadable[0] || renamed.equals(pins) ? null : new LayoutRenameChange(declaring, layout, pins, renamed);
	}

	@Override
	public String getName() {
		return "Pinned diagram positions in " + layout.getFileName();
	}

	@Override
	public void initializeValidationData(IProgressMonitor pm) {
		// the side file is read again when the change is made
	}

	@Override
	public RefactoringStatus isValid(IProgressMonitor pm) throws CoreException, OperationCanceledException {
		return new RefactoringStatus();
	}

	@Override
	public Change perform(IProgressMonitor pm) throws CoreException {
		write(after);
		return new LayoutRenameChange(nnetFile, layout, after, before);
	}

	private void write(DiagramPins pins) throws CoreException {
		try {
			pins.write(layout);
		} catch (IOException e) {
			throw new CoreException(Status.error(layout + ": the diagram's pinned positions cannot be written: " + e.getMessage(), e));
		}
		nnetFile.getParent().refreshLocal(IResource.DEPTH_ONE, null);
	}

	@Override
	public Object getModifiedElement() {
		return nnetFile;
	}
}
