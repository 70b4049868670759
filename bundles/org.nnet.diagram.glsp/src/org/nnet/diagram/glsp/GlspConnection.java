package org.nnet.diagram.glsp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.SelectAction;
import org.eclipse.glsp.server.di.ServerModule;
import org.eclipse.glsp.server.gson.ServerGsonConfigurator;
import org.eclipse.glsp.server.protocol.GLSPClient;
import org.eclipse.glsp.server.protocol.GLSPServer;
import org.eclipse.glsp.server.session.ClientSession;
import org.eclipse.glsp.server.session.ClientSessionManager;
import org.eclipse.glsp.server.utils.MessageActionUtil;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * A GLSP server for one diagram page, spoken to with JSON-RPC messages as strings: no socket and no port.
 * The host passes each message the page sends to {@link #fromClient(String)} and delivers what the server
 * sends through the consumer given at creation. In Eclipse the strings travel through an SWT
 * {@code BrowserFunction} and {@code Browser.execute}; in tests through a child process's stdin/stdout.
 * <p>
 * Messages from the client are handled in order on one thread of the connection, so the host's thread (the
 * UI thread) never waits for the server.
 */
public final class GlspConnection implements AutoCloseable {

	private final Injector injector;
	private final GLSPServer server;
	private final MessageJsonHandler json;
	private final RemoteEndpoint endpoint;
	private final ExecutorService incoming = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "NNet GLSP connection");
		t.setDaemon(true);
		return t;
	});

	/**
	 * Starts a server for a text.
	 *
	 * @param text     the text the diagram shows and edits
	 * @param toClient receives every JSON-RPC message for the client (on the server's threads)
	 */
	public GlspConnection(NnetText text, Consumer<String> toClient) {
		ServerModule serverModule = new ServerModule().configureDiagramModule(new NnetDiagramModule());
		injector = Guice.createInjector(serverModule, binder -> binder.bind(NnetText.class).toInstance(text));
		server = injector.getInstance(GLSPServer.class);
		ServerGsonConfigurator gson = injector.getInstance(ServerGsonConfigurator.class);
		Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
		methods.putAll(ServiceEndpoints.getSupportedMethods(GLSPClient.class));
		methods.putAll(ServiceEndpoints.getSupportedMethods(server.getClass()));
		json = new MessageJsonHandler(methods, gson::configureGsonBuilder);
		endpoint = new RemoteEndpoint(message -> toClient.accept(json.serialize(message)), ServiceEndpoints.toEndpoint(server));
		json.setMethodProvider(endpoint);
		server.connect(ServiceEndpoints.toServiceObject(endpoint, GLSPClient.class));
	}

	/** Handles one JSON-RPC message from the client (returns at once). */
	public void fromClient(String message) {
		incoming.execute(() -> {
			try {
				Message parsed = json.parseMessage(message);
				endpoint.consume(parsed);
			} catch (RuntimeException e) {
				// one message the server cannot read must not end the session: say so in the page's status line
				dispatch(MessageActionUtil.error("The diagram could not handle a message from the page: " + e.getMessage()));
			}
		});
	}

	/** The text changed outside the diagram: every open diagram is rebuilt from it. */
	public void textChanged() {
		dispatch(new NnetActions.RefreshAction());
	}

	/** The caret moved in the text: the node written there is selected in the diagram. */
	public void caretMoved(int offset) {
		dispatch(new NnetActions.RevealOffsetAction(offset));
	}

	/** Selects a node in the diagram (nothing for {@code null}). */
	public void select(String id) {
		List<String> ids = id == null ? List.of() : List.of(id);
		NnetModelState state = state();
		if (state != null) {
			state.select(ids, List.of(), true); // at once for the caller; the action's handler records it again, later
		}
		dispatch(SelectAction.setSelection(ids));
	}

	/** Expands or collapses a network used as a step. */
	public void toggleGroup(String id) {
		dispatch(new NnetActions.ToggleGroupAction(id));
	}

	/** Expands ({@code true}) or collapses every network used as a step. */
	public void expandAll(boolean expand) {
		dispatch(new NnetActions.ExpandAllAction(expand));
	}

	private void dispatch(Action action) {
		for (ClientSession session : injector.getInstance(ClientSessionManager.class)
				.getSessionsByType(NnetDiagramModule.DIAGRAM_TYPE)) {
			session.getActionDispatcher().dispatch(action);
		}
	}

	/** The model state of the open diagram session, or {@code null} before the client opened one. */
	public NnetModelState state() {
		for (ClientSession session : injector.getInstance(ClientSessionManager.class)
				.getSessionsByType(NnetDiagramModule.DIAGRAM_TYPE)) {
			return session.getInjector().getInstance(NnetModelState.class);
		}
		return null;
	}

	@Override
	public void close() {
		incoming.shutdownNow();
		server.shutdown();
		injector.getInstance(ClientSessionManager.class).dispose();
	}
}
