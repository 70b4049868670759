package org.nnet.diagram.glsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.glsp.graph.GraphPackage;
import org.eclipse.glsp.server.diagram.BaseDiagramConfiguration;
import org.eclipse.glsp.server.layout.ServerLayoutKind;
import org.eclipse.glsp.server.types.EdgeTypeHint;
import org.eclipse.glsp.server.types.ShapeTypeHint;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;

/**
 * What the client may do with which element: layers can be deleted, nodes moved (the new place is pinned in
 * the layout side file, {@link NnetLayout}; ELK places everything else) but not resized, a network's area accepts every layer kind of the palette (dropped on an edge), edges can be
 * created from any node into a layer and deleted. The server lays out (ELK), the client does no layout.
 */
public class NnetDiagramConfiguration extends BaseDiagramConfiguration {

	@Override
	public Map<String, EClass> getTypeMappings() {
		Map<String, EClass> mappings = super.getTypeMappings();
		for (String node : List.of(NnetGModelFactory.GRAPH, NnetGModelFactory.LAYER, NnetGModelFactory.INPUT,
				NnetGModelFactory.GROUP, NnetGModelFactory.SOURCE)) {
			mappings.put(node, GraphPackage.Literals.GNODE);
		}
		for (String label : List.of(NnetGModelFactory.NAME, NnetGModelFactory.TEXT, NnetGModelFactory.SHAPE,
				NnetGModelFactory.TITLE, NnetGModelFactory.PROBLEM)) {
			mappings.put(label, GraphPackage.Literals.GLABEL);
		}
		return mappings;
	}

	@Override
	public List<ShapeTypeHint> getShapeTypeHints() {
		List<String> layerKinds = new ArrayList<>();
		for (CatalogEntry e : Catalog.layers()) {
			layerKinds.add(NnetOperations.LAYER_TYPE + e.name());
		}
		List<ShapeTypeHint> hints = new ArrayList<>();
		hints.add(new ShapeTypeHint(NnetGModelFactory.ROOT, false, false, false, false, layerKinds));
		hints.add(new ShapeTypeHint(NnetGModelFactory.GRAPH, false, false, false, false, layerKinds));
		hints.add(new ShapeTypeHint(NnetGModelFactory.LAYER, true, true, false, false));
		hints.add(new ShapeTypeHint(NnetGModelFactory.INPUT, true, false, false, false));
		hints.add(new ShapeTypeHint(NnetGModelFactory.GROUP, true, true, false, false));
		hints.add(new ShapeTypeHint(NnetGModelFactory.SOURCE, true, false, false, false));
		return hints;
	}

	@Override
	public List<EdgeTypeHint> getEdgeTypeHints() {
		List<String> sources = List.of(NnetGModelFactory.LAYER, NnetGModelFactory.INPUT, NnetGModelFactory.GROUP);
		List<String> targets = List.of(NnetGModelFactory.LAYER);
		// repositionable: a selected edge shows handles at its ends, dragged to reconnect (ReconnectHandler)
		return List.of(new EdgeTypeHint(NnetGModelFactory.EDGE, true, true, false, sources, targets),
				new EdgeTypeHint(NnetOperations.CONNECT_TYPE, false, true, false, sources, targets));
	}

	@Override
	public ServerLayoutKind getLayoutKind() {
		return ServerLayoutKind.MANUAL;
	}

	@Override
	public boolean needsClientLayout() {
		return false;
	}

	@Override
	public boolean animatedUpdate() {
		return false;
	}
}
