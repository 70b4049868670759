package org.nnet.diagram.glsp;

import org.eclipse.glsp.server.actions.ActionHandler;
import org.eclipse.glsp.server.di.DiagramModule;
import org.eclipse.glsp.server.di.MultiBinding;
import org.eclipse.glsp.server.diagram.DiagramConfiguration;
import org.eclipse.glsp.server.features.core.model.GModelFactory;
import org.eclipse.glsp.server.features.core.model.SourceModelStorage;
import org.eclipse.glsp.server.features.toolpalette.ToolPaletteItemProvider;
import org.eclipse.glsp.server.model.GModelState;
import org.eclipse.glsp.server.operations.OperationHandler;

/**
 * The GLSP diagram module of .nnet files: the graph is built from our {@link org.nnet.diagram.DiagramModel}
 * and laid out by our ELK {@link org.nnet.diagram.DiagramLayout}; every editing operation becomes a minimal
 * edit of the text ({@link TextEditHandler}); the palette holds every layer kind.
 */
public class NnetDiagramModule extends DiagramModule {

	/** The diagram type the client asks for. */
	public static final String DIAGRAM_TYPE = "nnet-diagram";

	@Override
	public String getDiagramType() {
		return DIAGRAM_TYPE;
	}

	@Override
	protected Class<? extends DiagramConfiguration> bindDiagramConfiguration() {
		return NnetDiagramConfiguration.class;
	}

	@Override
	protected Class<? extends GModelState> bindGModelState() {
		return NnetModelState.class;
	}

	@Override
	protected Class<? extends SourceModelStorage> bindSourceModelStorage() {
		return NnetSourceModelStorage.class;
	}

	@Override
	protected Class<? extends GModelFactory> bindGModelFactory() {
		return NnetGModelFactory.class;
	}

	@Override
	protected Class<? extends ToolPaletteItemProvider> bindToolPaletteItemProvider() {
		return NnetPalette.class;
	}

	@Override
	protected void configureActionHandlers(MultiBinding<ActionHandler> binding) {
		super.configureActionHandlers(binding);
		binding.add(NnetActions.RefreshHandler.class);
		binding.add(NnetActions.ToggleGroupHandler.class);
		binding.add(NnetActions.ExpandAllHandler.class);
		binding.add(NnetActions.RevealOffsetHandler.class);
		binding.add(NnetActions.SelectionHandler.class);
		binding.add(NnetLayout.ResetLayoutHandler.class);
	}

	@Override
	protected void configureOperationHandlers(MultiBinding<OperationHandler<?>> binding) {
		super.configureOperationHandlers(binding);
		binding.add(NnetOperations.InsertLayerHandler.class);
		binding.add(NnetOperations.DeleteHandler.class);
		binding.add(NnetOperations.RenameHandler.class);
		binding.add(NnetOperations.ConnectHandler.class);
		binding.add(NnetOperations.ReconnectHandler.class);
		binding.add(NnetOperations.SetArgumentHandler.class);
		binding.add(NnetLayout.MoveHandler.class);
		binding.add(NnetLayout.RoutingPointsHandler.class);
	}
}
