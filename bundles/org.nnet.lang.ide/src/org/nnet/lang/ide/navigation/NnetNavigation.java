package org.nnet.lang.ide.navigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.findReferences.IReferenceFinder;
import org.eclipse.xtext.findReferences.TargetURIs;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;
import org.nnet.lang.scoping.BuiltinLibrary;
import org.nnet.model.Symbol;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Go to definition and find references for .nnet files, on Xtext's {@link EObjectAtOffsetHelper},
 * {@link ILocationInFileProvider} and {@link IReferenceFinder}. Built-in names (layers, activations,
 * sources) have no declaration in a file and are not navigated to.
 */
public class NnetNavigation {

	/** A place in a file: its URI (without fragment), an offset and length, and the 1-based line. */
	public record Location(URI uri, int offset, int length, int line) {
	}

	/** A reference in the text (its region) and the declaration it resolves to. */
	public record Link(int offset, int length, Symbol target, Location declaration) {
	}

	@Inject
	private EObjectAtOffsetHelper offsets;
	@Inject
	private ILocationInFileProvider locations;
	@Inject
	private IReferenceFinder referenceFinder;
	@Inject
	private Provider<TargetURIs> targetUris;

	/** The reference at an offset and where it leads, or {@code null} off a reference or on a built-in. */
	public Link linkAt(XtextResource resource, int offset) {
		INode node = offsets.getCrossReferenceNode(resource, new TextRegion(offset, 0));
		if (node == null) {
			return null;
		}
		EObject target = offsets.getCrossReferencedElement(node);
		if (!(target instanceof Symbol symbol) || target.eIsProxy() || BuiltinLibrary.isBuiltin(target)
				|| target.eResource() == null) {
			return null;
		}
		return new Link(node.getOffset(), node.getLength(), symbol, declaration(symbol));
	}

	/**
	 * The declaration at an offset: the symbol referenced there, or the symbol whose name is there;
	 * {@code null} elsewhere and for built-ins.
	 */
	public Symbol declarationAt(XtextResource resource, int offset) {
		Link link = linkAt(resource, offset);
		if (link != null) {
			return link.target();
		}
		EObject element = offsets.resolveElementAt(resource, offset);
		if (element instanceof Symbol symbol && symbol.getName() != null && !BuiltinLibrary.isBuiltin(symbol)) {
			ITextRegion name = locations.getSignificantTextRegion(symbol);
			if (offset >= name.getOffset() && offset <= name.getOffset() + name.getLength()) {
				return symbol;
			}
		}
		return null;
	}

	/** Where a symbol's name is declared. */
	public Location declaration(Symbol symbol) {
		ITextRegion r = locations.getSignificantTextRegion(symbol);
		int line = NodeModelUtils.getNode(symbol) == null ? 1 : lineAt(symbol, r.getOffset());
		return new Location(symbol.eResource().getURI(), r.getOffset(), r.getLength(), line);
	}

	/**
	 * Every reference to the symbol in the given resources (which must share its resource set), in
	 * file and text order; the declaration itself is not among them.
	 */
	public List<Location> references(Symbol target, Iterable<? extends Resource> resources) {
		TargetURIs uris = targetUris.get();
		uris.addURI(EcoreUtil.getURI(target));
		List<Location> found = new ArrayList<>();
		for (Resource resource : resources) {
			if (!(resource instanceof XtextResource)) {
				continue;
			}
			referenceFinder.findReferences(uris, resource, new IReferenceFinder.Acceptor() {
				@Override
				public void accept(EObject source, URI sourceUri, EReference reference, int index, EObject targetOrProxy,
						URI targetUri) {
					List<INode> nodes = NodeModelUtils.findNodesForFeature(source, reference);
					INode node = nodes.isEmpty() ? null : nodes.get(Math.max(0, Math.min(index, nodes.size() - 1)));
					if (node != null) {
						found.add(new Location(resource.getURI(), node.getOffset(), node.getLength(), node.getStartLine()));
					}
				}

				@Override
				public void accept(IReferenceDescription description) {
					// only called for references read from an index; these resources are searched in memory
				}
			}, null);
		}
		found.sort(Comparator.comparing((Location l) -> l.uri().toString()).thenComparingInt(Location::offset));
		return found;
	}

	private static int lineAt(EObject object, int offset) {
		INode root = NodeModelUtils.getNode(object).getRootNode();
		INode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset);
		return leaf == null ? 1 : leaf.getStartLine();
	}
}
