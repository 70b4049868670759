/*
 * The NNet diagram's web client: Eclipse GLSP 2.3.0 (@eclipse-glsp/client) talking JSON-RPC to the Java
 * GLSP server through the page's host, with no socket and no port. The host provides
 * window.nnetGlspSend(json) (an SWT BrowserFunction in Eclipse, a bridged function in tests) and delivers
 * the server's messages by calling window.nnetGlspReceive(json).
 */
import 'reflect-metadata';

import '@eclipse-glsp/client/css/glsp-sprotty.css';
import '@vscode/codicons/dist/codicon.css';
import '../static/nnet.css';

import {
    Action,
    BaseJsonrpcGLSPClient,
    DiagramLoader,
    EdgeEditListener,
    SetViewportAction,
    FeatureModule,
    GEdge,
    GEdgeView,
    GLabel,
    GLabelView,
    GLSPActionDispatcher,
    GModelElement,
    GModelRoot,
    GNode,
    IActionHandler,
    MouseListener,
    Point,
    RectangularNodeView,
    RoundedCornerNodeView,
    SelectionService,
    STANDALONE_MODULE_CONFIG,
    TYPES,
    bindAsService,
    configureActionHandler,
    configureDefaultModelElements,
    configureModelElement,
    createDiagramOptionsModule,
    findParentByFeature,
    isConnectable,
    deletableFeature,
    editLabelFeature,
    initializeDiagramContainer,
    moveFeature,
    overrideModelElement,
    selectFeature,
    svg
} from '@eclipse-glsp/client';
import { Container, injectable } from 'inversify';
import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection } from 'vscode-jsonrpc/browser';

declare global {
    interface Window {
        nnetGlspSend?: (json: string) => unknown;
        nnetGlspReceive: (json: string) => void;
        nnet: NnetPage;
    }
}

/** What hosts and tests see of the page. */
interface NnetPage {
    /** Resolves once the first diagram is shown. */
    ready: Promise<void>;
    /** How many diagrams (set or update) have been shown. */
    revision: number;
    /** The last message the server sent (refused edits), or ''. */
    message: string;
    /** Dispatches an action as the diagram's own gestures do. */
    dispatch(action: Action): Promise<void>;
    /** The ids of the selected elements. */
    selection(): string[];
    /** Zooms so that the whole diagram is visible beside the palette (at most 100 %). */
    fit(): void;
    /** Sets the zoom factor (1 is 100 %). */
    zoom(factor: number): void;
}

const CLIENT_ID = 'nnet-diagram';
const DIAGRAM_TYPE = 'nnet-diagram';

// ---- transport: a MessagePort-like object over the host's functions ----

type Listener = (event: { data: unknown }) => void;
const port = {
    onmessage: undefined as Listener | undefined,
    addEventListener(_type: string, _listener: unknown): void {
        // errors are reported by the host
    },
    postMessage(message: unknown): void {
        const send = window.nnetGlspSend;
        if (!send) {
            throw new Error('The page has no host: window.nnetGlspSend is missing.');
        }
        send(JSON.stringify(message));
    }
};
window.nnetGlspReceive = (json: string) => port.onmessage?.({ data: JSON.parse(json) });

// ---- model elements and views ----

/** An edge with an arrow head at its target. */
@injectable()
class ArrowEdgeView extends GEdgeView {
    protected override renderAdditionals(edge: GEdge, segments: Point[], context: any): any[] {
        const extra = super.renderAdditionals(edge, segments, context);
        const tip = segments[segments.length - 1];
        const from = segments[segments.length - 2];
        if (!tip || !from) {
            return extra;
        }
        const angle = (Math.atan2(tip.y - from.y, tip.x - from.x) * 180) / Math.PI;
        extra.push(svg('path', { 'class-nnet-arrow': true, d: 'M 0,0 L -8,-4 L -8,4 Z', transform: `translate(${tip.x},${tip.y}) rotate(${angle})` }));
        return extra;
    }
}

/** Double-click on a network used as a step shows or hides its layers. */
@injectable()
class ToggleGroupListener extends MouseListener {
    override doubleClick(target: GModelElement, _event: MouseEvent): Action[] {
        for (let e: GModelElement | undefined = target; e; e = e instanceof GModelRoot ? undefined : (e as any).parent) {
            if (e.type === 'nnet:group') {
                return [{ kind: 'nnetToggleGroup', elementId: e.id } as Action];
            }
        }
        return [];
    }
}

/**
 * A layer chosen in the palette is inserted on the edge under the pointer: the edge's id travels in the
 * creation's arguments (the client copies the trigger's arguments into the CreateNodeOperation), so the server
 * need not guess it from coordinates; the zoom goes along so that a drop just beside an edge counts as on it
 * within the same screen distance at any zoom.
 */
let activeTrigger: { args?: Record<string, unknown> } | undefined;

@injectable()
class TriggerCapture implements IActionHandler {
    handle(action: Action): void {
        activeTrigger = action as any;
    }
}

@injectable()
class EdgeUnderPointer extends MouseListener {
    override mouseMove(target: GModelElement, _event: MouseEvent): Action[] {
        if (activeTrigger) {
            let edge: string | undefined;
            for (let e: GModelElement | undefined = target; e; e = e instanceof GModelRoot ? undefined : (e as any).parent) {
                if (e instanceof GEdge) {
                    edge = e.id;
                    break;
                }
            }
            const args: Record<string, unknown> = { ...(activeTrigger.args ?? {}), zoom: (target.root as any).zoom ?? 1 };
            if (edge) {
                args.edge = edge;
            } else {
                delete args.edge;
            }
            activeTrigger.args = args;
        }
        return [];
    }
}

/*
 * GLSP 2.3's edge edit listener forgets the node under the pointer at every drag move after the pointer entered
 * it, so releasing an edge's end handle over a node reconnected only if the pointer had not moved inside the
 * node; keep the node while the pointer stays over it.
 */
const edgeEditDraggingMouseMove = (EdgeEditListener.prototype as any).draggingMouseMove;
(EdgeEditListener.prototype as any).draggingMouseMove = function (this: any, target: GModelElement, event: MouseEvent): Action[] {
    const kept = this.newConnectable;
    const result = edgeEditDraggingMouseMove.call(this, target, event);
    if (kept && findParentByFeature(target, isConnectable) === kept) {
        this.setNewConnectable(kept);
    }
    return result;
};

/** Shows the banner of a diagram (the text does not parse) and counts the diagrams shown. */
@injectable()
class ModelShownHandler implements IActionHandler {
    handle(action: Action): void {
        const root = (action as any).newRoot;
        if (!root || root.type === 'NONE' || root.id === 'EMPTY') {
            return;
        }
        const banner = document.getElementById('nnet-banner')!;
        const text = root?.args?.banner ?? '';
        banner.textContent = text;
        banner.style.display = text ? 'block' : 'none';
        document.getElementById(CLIENT_ID)!.style.top = text ? banner.offsetHeight + 12 + 'px' : '0';
        const first = window.nnet.revision === 0;
        setTimeout(() => {
            if (first) {
                window.nnet.fit();
            }
            window.nnet.revision++;
            document.body.dataset.revision = String(window.nnet.revision);
            shown();
        }, 0);
    }
}

/** Shows the server's messages (a refused edit says why) in the status line. */
@injectable()
class MessageHandler implements IActionHandler {
    handle(action: Action): void {
        const message = (action as any).message ?? '';
        const severity = (action as any).severity ?? 'INFO';
        if (severity === 'NONE' && !message) {
            return;
        }
        window.nnet.message = message;
        const status = document.getElementById('nnet-status')!;
        status.textContent = message;
        status.className = severity === 'ERROR' ? 'error' : '';
    }
}

/**
 * Moved nodes are pinned by the server in a side file (FILE.nnet.layout); while any are, the "Reset layout"
 * button (Alt+R) is shown: it clears the pins and ELK places every node again.
 */
@injectable()
class PinnedHandler implements IActionHandler {
    handle(action: Action): void {
        const root = (action as any).newRoot;
        if (root && root.type !== 'NONE' && root.id !== 'EMPTY') {
            document.getElementById('nnet-reset-layout')!.style.display = Number(root.args?.pinned ?? 0) > 0 ? 'block' : 'none';
        }
    }
}

const nnetDiagramModule = new FeatureModule(
    (bind, unbind, isBound, rebind) => {
        const context = { bind, unbind, isBound, rebind };
        configureDefaultModelElements(context);
        configureModelElement(context, 'nnet:graph', GNode, RectangularNodeView, { disable: [selectFeature, moveFeature, deletableFeature] });
        for (const type of ['nnet:layer', 'nnet:input', 'nnet:group', 'nnet:source']) {
            configureModelElement(context, type, GNode, RoundedCornerNodeView);
        }
        configureModelElement(context, 'nnet:name', GLabel, GLabelView, { enable: [editLabelFeature] });
        for (const type of ['nnet:text', 'nnet:shape', 'nnet:title', 'nnet:problem']) {
            configureModelElement(context, type, GLabel, GLabelView, { disable: [selectFeature] });
        }
        overrideModelElement(context, 'edge', GEdge, ArrowEdgeView);
        bindAsService(context, TYPES.MouseListener, ToggleGroupListener);
        bindAsService(context, TYPES.MouseListener, EdgeUnderPointer);
        configureActionHandler(context, 'triggerNodeCreation', TriggerCapture);
        configureActionHandler(context, 'setModel', ModelShownHandler);
        configureActionHandler(context, 'updateModel', ModelShownHandler);
        configureActionHandler(context, 'message', MessageHandler);
        configureActionHandler(context, 'setModel', PinnedHandler);
        configureActionHandler(context, 'updateModel', PinnedHandler);
    },
    { featureId: Symbol('nnetDiagram') }
);

// ---- the properties panel: the arguments of the selected layer ----

function showProperties(container: Container): void {
    const panel = document.getElementById('nnet-properties')!;
    const selection = container.get(SelectionService);
    const dispatcher = container.get(GLSPActionDispatcher);
    selection.onSelectionChanged(change => {
        const ids = selection.getSelectedElementIDs();
        const element = ids.length === 1 ? (change.root as any).index.getById(ids[0]) : undefined;
        panel.replaceChildren();
        if (!element || element.type !== 'nnet:layer') {
            panel.style.display = 'none';
            return;
        }
        const args: Record<string, string> = element.args ?? {};
        const title = document.createElement('div');
        title.className = 'title';
        title.textContent = `${args.name} · ${args.kind}`;
        panel.append(title);
        for (const key of Object.keys(args).filter(k => k.startsWith('spec:'))) {
            const name = key.substring(5);
            const row = document.createElement('label');
            const caption = document.createElement('span');
            caption.textContent = name;
            const input = document.createElement('input');
            input.name = name;
            input.value = args['a:' + name] ?? '';
            input.placeholder = String(args[key]).replace(/^main /, '');
            input.addEventListener('keydown', event => {
                if (event.key === 'Enter') {
                    dispatcher.dispatch({ kind: 'nnetSetArgument', isOperation: true, elementId: element.id, name, value: input.value } as Action);
                }
            });
            row.append(caption, input);
            panel.append(row);
        }
        panel.style.display = 'block';
    });
}

// ---- start ----

let shown: () => void = () => undefined;
window.nnet = {
    ready: new Promise<void>(resolve => (shown = resolve)),
    revision: 0,
    message: '',
    dispatch: async () => undefined,
    selection: () => [],
    fit: () => undefined,
    zoom: () => undefined
};

async function start(): Promise<void> {
    const connection = createMessageConnection(new BrowserMessageReader(port as any), new BrowserMessageWriter(port as any));
    const client = new BaseJsonrpcGLSPClient({ id: 'nnet', connectionProvider: connection });
    const params = new URLSearchParams(window.location.search);
    const container = initializeDiagramContainer(
        new Container(),
        nnetDiagramModule,
        createDiagramOptionsModule({
            clientId: CLIENT_ID,
            diagramType: DIAGRAM_TYPE,
            glspClientProvider: async () => client,
            sourceUri: params.get('file') ?? undefined
        }),
        STANDALONE_MODULE_CONFIG
    );
    const dispatcher = container.get(GLSPActionDispatcher);
    window.nnet.dispatch = action => dispatcher.dispatch(action);
    window.nnet.selection = () => container.get(SelectionService).getSelectedElementIDs();
    window.nnet.fit = () => {
        const root = container.get(SelectionService).getModelRoot() as any;
        const width = Number(root?.args?.width ?? 0);
        const height = Number(root?.args?.height ?? 0);
        // the canvas, which ends where the palette begins (nnet.css)
        const view = (document.querySelector(`#${CLIENT_ID} > svg`) ?? document.getElementById(CLIENT_ID)!).getBoundingClientRect();
        const zoom = width > 0 && height > 0 ? Math.min(1, (view.width - 20) / width, (view.height - 20) / height) : 1;
        void dispatcher.dispatch(SetViewportAction.create(root.id, { scroll: { x: -10, y: -10 }, zoom }, { animate: false }));
    };
    window.nnet.zoom = factor => {
        const root = container.get(SelectionService).getModelRoot() as any;
        void dispatcher.dispatch(SetViewportAction.create(root.id, { scroll: root.scroll ?? { x: -10, y: -10 }, zoom: factor }, { animate: false }));
    };
    showProperties(container);
    const resetLayout = (): void => void dispatcher.dispatch({ kind: 'nnetResetLayout' } as Action);
    document.getElementById('nnet-reset-layout')!.addEventListener('click', resetLayout);
    document.addEventListener('keydown', event => {
        if (event.altKey && !event.ctrlKey && event.code === 'KeyR') {
            event.preventDefault();
            resetLayout();
        }
    });
    await container.get(DiagramLoader).load();
}

/** Waits for the host's send function (an SWT BrowserFunction is installed once the page has loaded). */
function whenHosted(): void {
    if (window.nnetGlspSend) {
        start().catch(error => {
            const status = document.getElementById('nnet-status')!;
            status.textContent = 'The diagram could not start: ' + error;
            status.className = 'error';
        });
    } else {
        setTimeout(whenHosted, 20);
    }
}
whenHosted();
