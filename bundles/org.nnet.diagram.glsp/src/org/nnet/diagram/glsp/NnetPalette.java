package org.nnet.diagram.glsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.glsp.server.actions.TriggerEdgeCreationAction;
import org.eclipse.glsp.server.actions.TriggerNodeCreationAction;
import org.eclipse.glsp.server.features.toolpalette.PaletteItem;
import org.eclipse.glsp.server.features.toolpalette.ToolPaletteItemProvider;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;

/**
 * The tool palette: every layer kind of the language (core's catalogue, in the order of LANGUAGE.md), each
 * inserted by dropping it on an edge, and a tool to connect a node to a multi-input layer.
 */
public class NnetPalette implements ToolPaletteItemProvider {

	@Override
	public List<PaletteItem> getItems(Map<String, String> args) {
		List<PaletteItem> layers = new ArrayList<>();
		int i = 0;
		for (CatalogEntry e : Catalog.layers()) {
			layers.add(new PaletteItem("layer-" + e.name(), e.name(),
					new TriggerNodeCreationAction(NnetOperations.LAYER_TYPE + e.name()), null, String.format("%03d", i++)));
		}
		List<PaletteItem> edges = List.of(new PaletteItem("connect", "connect (into concat, add, multiply)",
				new TriggerEdgeCreationAction(NnetOperations.CONNECT_TYPE), null, "A"));
		return List.of(PaletteItem.createPaletteGroup("nnet-connections", "Connections", edges, "symbol-property", "A"),
				PaletteItem.createPaletteGroup("nnet-layers", "Layers", layers, "symbol-class", "B"));
	}
}
