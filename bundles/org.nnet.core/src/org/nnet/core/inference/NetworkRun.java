package org.nnet.core.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.nnet.core.IssueCodes;
import org.nnet.core.Problem;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.catalog.Category;
import org.nnet.core.shape.Shape;
import org.nnet.model.Argument;
import org.nnet.model.Builtin;
import org.nnet.model.Chain;
import org.nnet.model.Element;
import org.nnet.model.Input;
import org.nnet.model.LayerStep;
import org.nnet.model.Network;
import org.nnet.model.NnetPackage;
import org.nnet.model.Node;
import org.nnet.model.Output;
import org.nnet.model.Parameter;
import org.nnet.model.RepeatStep;
import org.nnet.model.Step;
import org.nnet.model.Symbol;
import org.nnet.model.SymbolRef;

/**
 * Infers one network, possibly with its parameters bound and its input shape given (a network
 * used as a step). Chains are evaluated in dependency order, each once, so the work is linear in
 * the number of steps (plus the copies {@code repeat} makes, up to {@link #LIMIT}).
 */
final class NetworkRun {

    /** The most layers one network run expands (repeat copies included) before it stops following. */
    static final int LIMIT = 100_000;

    private static final NnetPackage P = NnetPackage.eINSTANCE;
    private static final EStructuralFeature CALLEE = P.getLayerStep_Callee();

    private final Inference session;
    private final Network net;
    private final Shape boundInput;
    final Reporter rep;
    private final Evaluator ev;

    private final Map<Node, Val> values = new HashMap<>();
    private final List<Raw> inputRaws = new ArrayList<>();
    private final Map<Chain, List<Raw>> chainRaws = new HashMap<>();
    private final Map<Chain, Val> chainEnds = new HashMap<>();
    private final Map<Node, Chain> definingChain = new IdentityHashMap<>();
    private Chain current;
    private int expanded;
    private boolean overflow;
    private boolean incomplete;

    NetworkRun(Inference session, Network net, Map<Parameter, Value> params, Shape boundInput) {
        this.session = session;
        this.net = net;
        this.boundInput = boundInput;
        this.rep = new Reporter(net);
        this.ev = new Evaluator(rep, params);
    }

    ModelReport run() {
        checkParameters();
        List<Port> inPorts = inputs();
        for (Chain c : order()) {
            evalChain(c);
        }
        List<Port> outPorts = outputs();
        checkUse();
        return finish(inPorts, outPorts);
    }

    // ---- parameters, inputs, outputs

    private void checkParameters() {
        for (Parameter p : net.getParameters()) {
            if (p != null && p.getType() != null && !Catalog.parameterTypes().containsKey(p.getType())) {
                String near = Catalog.closest(p.getType(), Catalog.parameterTypes().keySet());
                rep.error(IssueCodes.UNKNOWN_PARAMETER_TYPE, "Unknown parameter type '" + p.getType() + "'"
                        + (near != null ? ": did you mean " + near + "?" : ": use one of "
                                + String.join(", ", Catalog.parameterTypes().keySet())),
                        p, P.getParameter_Type(), p.getType(), near == null ? "" : near);
            }
        }
    }

    private List<Port> inputs() {
        List<Port> ports = new ArrayList<>();
        for (Input in : net.getInputs()) {
            if (in == null) {
                continue;
            }
            Shape s = ev.shape(in.getShape());
            if (boundInput != null && net.getInputs().size() == 1) {
                Shape m = ShapeMath.merge(s, boundInput);
                s = m != null ? m : s;
            }
            Raw r = new Raw("input", s, 0L, 0L, in);
            r.userName = in.getName();
            inputRaws.add(r);
            values.put(in, new Val(s, "linear", r));
            ports.add(new Port(in.getName(), s, in));
        }
        return ports;
    }

    private List<Port> outputs() {
        List<Port> ports = new ArrayList<>();
        for (Output o : net.getOutputs()) {
            if (o == null) {
                continue;
            }
            for (Node n : o.getNodes()) {
                if (Evaluator.unresolved(n)) {
                    continue;
                }
                if (Inference.networkOf(n) != net) {
                    rep.error(IssueCodes.BAD_OUTPUT, n.getName() + " is not a node of " + net.getName()
                            + ": output a node of this network", o, P.getOutput_Nodes());
                    continue;
                }
                Val v = values.get(n);
                if (v == null) {
                    v = Val.UNKNOWN;
                }
                consume(v);
                ports.add(new Port(n.getName(), v.shape(), n));
            }
        }
        return ports;
    }

    List<Val> outputVals() {
        List<Val> out = new ArrayList<>();
        for (Output o : net.getOutputs()) {
            if (o != null) {
                for (Node n : o.getNodes()) {
                    Val v = Evaluator.unresolved(n) ? null : values.get(n);
                    out.add(v == null ? Val.UNKNOWN : v);
                }
            }
        }
        return out;
    }

    private void checkUse() {
        boolean hasOutput = net.getOutputs().stream().anyMatch(o -> o != null && !o.getNodes().isEmpty());
        if (!hasOutput) {
            missingOutput();
            return;
        }
        for (Raw r : inputRaws) {
            if (!r.consumed && r.source instanceof Input in) {
                rep.warning(IssueCodes.UNUSED_INPUT, "The input " + in.getName() + " is not used: start a chain at it or remove it",
                        in, P.getSymbol_Name(), String.valueOf(in.getName()));
            }
        }
        for (Chain c : net.getChains()) {
            Val end = chainEnds.get(c);
            if (end == null || end.raw() == null || end.raw().consumed || end.raw().source instanceof Input) {
                continue;
            }
            Raw r = end.raw();
            EObject at = r.source;
            if (!(at instanceof Step s) || !s.eContainer().equals(c)) {
                // the end of a repeat or an inner copy: point at the chain's last step
                at = c.getSteps().isEmpty() ? c : c.getSteps().get(c.getSteps().size() - 1);
            }
            String name = at instanceof Step s && s.getName() != null ? s.getName() : null;
            rep.warning(IssueCodes.UNUSED_NODE, name != null
                    ? "The node " + name + " is not used: add it to output or start a chain at it"
                    : "The result of this chain is not used: name it with 'as' and add it to output, or remove the chain",
                    at, name != null ? P.getSymbol_Name() : null, name == null ? "" : name);
        }
    }

    private boolean outputMissing;

    private void missingOutput() {
        outputMissing = true;
    }

    /** Reports the missing output, proposing the last chain's last node (named by the fix if it has no name). */
    private void reportMissingOutput() {
        for (int i = net.getChains().size() - 1; i >= 0; i--) {
            Chain c = net.getChains().get(i);
            Val end = c == null ? null : chainEnds.get(c);
            if (end == null || end.raw() == null || end.raw().name == null) {
                continue;
            }
            Raw r = end.raw();
            boolean needsName = r.generated;
            rep.error(IssueCodes.MISSING_OUTPUT, net.getName() + " has no output: add 'output " + r.name + "'"
                    + (needsName ? " and name the last step of its chain with 'as " + r.name + "'" : ""), net, P.getSymbol_Name(),
                    r.name, Boolean.toString(needsName), Integer.toString(i));
            return;
        }
        rep.error(IssueCodes.MISSING_OUTPUT, net.getName() + " has no output: add chains and an 'output' line", net,
                P.getSymbol_Name(), "", "false", "-1");
    }

    // ---- dependency order of chains

    private List<Chain> order() {
        List<Chain> chains = new ArrayList<>();
        for (Chain c : net.getChains()) {
            if (c != null) {
                chains.add(c);
                for (Step s : c.getSteps()) {
                    define(s, c);
                }
            }
        }
        Map<Chain, List<Object[]>> deps = new HashMap<>();
        for (Chain c : chains) {
            List<Object[]> ds = new ArrayList<>(2);
            for (int i = 0; i < c.getSteps().size(); i++) {
                collectDeps(c.getSteps().get(i), i == 0, c, ds);
            }
            deps.put(c, ds);
        }
        Map<Chain, Integer> state = new IdentityHashMap<>();
        List<Chain> order = new ArrayList<>(chains.size());
        Deque<Object[]> stack = new ArrayDeque<>();
        for (Chain root : chains) {
            if (state.containsKey(root)) {
                continue;
            }
            state.put(root, 1);
            stack.push(new Object[] {root, 0});
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                Chain c = (Chain) top[0];
                int i = (Integer) top[1];
                List<Object[]> ds = deps.get(c);
                if (i >= ds.size()) {
                    stack.pop();
                    state.put(c, 2);
                    order.add(c);
                    continue;
                }
                top[1] = i + 1;
                Object[] d = ds.get(i);
                Chain target = (Chain) d[0];
                Integer st = state.get(target);
                if (st == null) {
                    state.put(target, 1);
                    stack.push(new Object[] {target, 0});
                } else if (st == 1) {
                    Node n = (Node) d[2];
                    rep.error(IssueCodes.CYCLE, "The named nodes form a cycle through " + n.getName()
                            + ": a node cannot depend on itself, break the cycle", (EObject) d[1], (EStructuralFeature) d[3],
                            String.valueOf(n.getName()));
                }
            }
        }
        return order;
    }

    private void define(Step s, Chain c) {
        if (s == null) {
            return;
        }
        if (s.getName() != null) {
            definingChain.put(s, c);
        }
        if (s instanceof RepeatStep r) {
            for (Step x : r.getSteps()) {
                define(x, c);
            }
        }
    }

    private void collectDeps(Step s, boolean first, Chain c, List<Object[]> ds) {
        if (s instanceof LayerStep l) {
            Symbol callee = l.getCallee();
            if (first && callee instanceof Node n && !n.eIsProxy()) {
                addDep(n, c, l, CALLEE, ds);
            }
            for (Argument a : l.getArgs()) {
                if (a != null && a.getValue() instanceof SymbolRef r && r.getTarget() instanceof Node n && !n.eIsProxy()) {
                    addDep(n, c, r, P.getSymbolRef_Target(), ds);
                }
            }
        } else if (s instanceof RepeatStep r) {
            for (Step x : r.getSteps()) {
                collectDeps(x, false, c, ds);
            }
        }
    }

    private void addDep(Node n, Chain c, EObject ref, EStructuralFeature f, List<Object[]> ds) {
        Chain target = definingChain.get(n);
        if (target != null && target != c) {
            ds.add(new Object[] {target, ref, n, f});
        }
    }

    // ---- chains and steps

    private void evalChain(Chain c) {
        current = c;
        List<Raw> out = new ArrayList<>();
        chainRaws.put(c, out);
        Val v = null;
        for (int i = 0; i < c.getSteps().size(); i++) {
            Step s = c.getSteps().get(i);
            v = i == 0 ? first(s, out) : step(s, v, out, false);
        }
        if (v != null) {
            chainEnds.put(c, v);
        }
        current = null;
    }

    private Val valueOf(Node n, EObject ref, EStructuralFeature f) {
        if (Evaluator.unresolved(n)) {
            return Val.UNKNOWN;
        }
        Val v = values.get(n);
        if (v != null) {
            consume(v);
            return v;
        }
        if (Inference.networkOf(n) != net) {
            rep.error(IssueCodes.FOREIGN_NODE, n.getName() + " is a node of another network: use a node of " + net.getName(),
                    ref, f, String.valueOf(n.getName()));
        } else if (definingChain.get(n) == current && current != null) {
            rep.error(IssueCodes.CYCLE, n.getName() + " is used before it is computed, in its own chain: a node cannot depend on itself",
                    ref, f, String.valueOf(n.getName()));
        }
        return Val.UNKNOWN;
    }

    private static void consume(Val v) {
        if (v != null && v.raw() != null) {
            v.raw().consumed = true;
        }
    }

    private Val first(Step s, List<Raw> out) {
        if (s instanceof LayerStep l) {
            Symbol callee = l.getCallee();
            if (Evaluator.unresolved(callee)) {
                return Val.UNKNOWN;
            }
            if (callee instanceof Node n && !l.isCall()) {
                Val v = valueOf(n, l, CALLEE);
                if (l.getName() != null) {
                    values.put(l, v);
                }
                return v;
            }
            if (callee instanceof Builtin b && isMultiInput(b.getName())) {
                return named(l, multi(l, b.getName(), null, out), false);
            }
        }
        if (s != null && !(s instanceof LayerStep l && l.getCallee() instanceof Node)) {
            String firstInput = net.getInputs().isEmpty() || net.getInputs().get(0) == null ? ""
                    : String.valueOf(net.getInputs().get(0).getName());
            rep.error(IssueCodes.CHAIN_START, "This step has no input: a chain starts at an input or a named node"
                    + (firstInput.isEmpty() ? "" : ", e.g. " + firstInput + " -> ..."), s,
                    s instanceof LayerStep ? CALLEE : null, firstInput);
        }
        return step(s, Val.UNKNOWN, out, false);
    }

    private static boolean isMultiInput(String name) {
        return "concat".equals(name) || "add".equals(name) || "multiply".equals(name) || "attention".equals(name);
    }

    private Val named(Step s, Val v, boolean inRepeat) {
        if (s.getName() != null) {
            if (inRepeat) {
                rep.error(IssueCodes.NAMED_STEP_IN_REPEAT, "A step inside repeat cannot be named, since its copies would share the name "
                        + s.getName() + ": remove 'as " + s.getName() + "' or name the repeat", s, P.getSymbol_Name(), s.getName());
            } else {
                values.put(s, v);
                if (v.raw() != null && v.raw().source == s) {
                    v.raw().userName = s.getName();
                }
            }
        }
        return v;
    }

    private Val step(Step s, Val in, List<Raw> out, boolean inRepeat) {
        if (s == null) {
            return Val.UNKNOWN;
        }
        if (s instanceof RepeatStep r) {
            return named(r, repeat(r, in, out), inRepeat);
        }
        if (!(s instanceof LayerStep l)) {
            return Val.UNKNOWN;
        }
        Symbol callee = l.getCallee();
        if (Evaluator.unresolved(callee)) {
            Raw raw = add(out, new Raw("unknown", Shape.UNKNOWN, null, null, l), in);
            return named(l, new Val(Shape.UNKNOWN, null, raw), inRepeat);
        }
        if (callee instanceof Node n) {
            rep.error(IssueCodes.MID_CHAIN_REFERENCE, n.getName() + " is a node, and a chain can only start at a node: start a new chain "
                    + n.getName() + " -> ... or use a layer here", l, CALLEE, String.valueOf(n.getName()));
            return Val.UNKNOWN;
        }
        if (callee instanceof Builtin b) {
            String name = b.getName();
            CatalogEntry layer = Catalog.layer(name).orElse(null);
            if (layer == null) {
                notALayer(l, name, Catalog.entry(name).map(CatalogEntry::category).orElse(null));
                return Val.UNKNOWN;
            }
            if (isMultiInput(name)) {
                return named(l, multi(l, name, in, out), inRepeat);
            }
            return named(l, layer(l, layer, in, out), inRepeat);
        }
        if (callee instanceof Network n) {
            return named(l, networkStep(l, n, in, out), inRepeat);
        }
        notALayer(l, callee.getName(), null);
        return Val.UNKNOWN;
    }

    private void notALayer(LayerStep l, String name, Category c) {
        String what = c != null ? c.withArticle() : l.getCallee() instanceof Element e ? Inference.describeKind(e)
                : l.getCallee() instanceof Parameter ? "a parameter" : "not a layer";
        String fix = c == Category.ACTIVATION ? "activation(" + name + ")" : "";
        rep.error(IssueCodes.NOT_A_LAYER, name + " is " + what + ", not a layer"
                + (fix.isEmpty() ? ": use a layer or a network here" : ": write " + fix), l, CALLEE, String.valueOf(name), fix);
    }

    private Raw add(List<Raw> out, Raw raw, Val... ins) {
        if (++expanded > LIMIT) {
            incomplete = true;
            return null;
        }
        for (Val v : ins) {
            if (v != null && v.raw() != null) {
                raw.inputs.add(v.raw());
                v.raw().consumed = true;
            }
        }
        out.add(raw);
        return raw;
    }

    private Val repeat(RepeatStep r, Val in, List<Raw> out) {
        Value count = ev.eval(r.getCount());
        long n;
        if (count instanceof Value.Int i && i.value() >= 1) {
            n = i.value();
        } else if (count instanceof Value.Unknown u && (u.type() == null || u.type() == org.nnet.core.catalog.ArgType.INT)) {
            n = -1;
        } else {
            rep.error(IssueCodes.REPEAT_COUNT, "A repeat count is a positive integer, not " + Value.describe(count)
                    + ": write e.g. repeat(2)", r, P.getRepeatStep_Count());
            n = -1;
        }
        if (r.getSteps().isEmpty()) {
            return in;
        }
        Val v = in;
        if (n < 0) {
            // unknown count: check the body once; what comes out is not known
            for (Step s : r.getSteps()) {
                v = step(s, v, out, true);
            }
            incomplete = true;
            return new Val(Shape.UNKNOWN, null, v.raw());
        }
        for (long k = 0; k < n; k++) {
            for (Step s : r.getSteps()) {
                v = step(s, v, out, true);
            }
            if (expanded > LIMIT) {
                rep.error(IssueCodes.REPEAT_TOO_LARGE, "This repeat expands to more than " + LIMIT
                        + " layers, more than inference follows: use a smaller count", r, P.getRepeatStep_Count(),
                        Integer.toString(LIMIT));
                return Val.UNKNOWN;
            }
        }
        return v;
    }

    // ---- networks used as steps

    private Val networkStep(LayerStep l, Network inner, Val in, List<Raw> out) {
        String name = inner.getName();
        int outs = 0;
        for (Output o : inner.getOutputs()) {
            outs += o == null ? 0 : o.getNodes().size();
        }
        Map<Parameter, Value> bound = bindNetworkArgs(ev, rep, l.getArgs(), inner, l, CALLEE);
        if (inner.getInputs().size() != 1 || outs != 1) {
            rep.error(IssueCodes.NETWORK_NOT_SINGLE_IO, name + " has " + inner.getInputs().size() + " input(s) and " + outs
                    + " output(s); a network used as a step needs exactly one of each: use it through a chain of its own",
                    l, CALLEE, String.valueOf(name));
            Raw raw = add(out, new Raw(String.valueOf(name), Shape.UNKNOWN, null, null, l), in);
            return new Val(Shape.UNKNOWN, null, raw);
        }
        if (session.inProgress(inner)) {
            session.markCycle(inner);
            rep.error(IssueCodes.RECURSIVE_NETWORK, name + " uses itself as a step: a network cannot contain itself", l, CALLEE,
                    String.valueOf(name));
            Raw raw = add(out, new Raw(String.valueOf(name), Shape.UNKNOWN, null, null, l), in);
            return new Val(Shape.UNKNOWN, null, raw);
        }
        Input innerInput = inner.getInputs().get(0);
        Shape declared = innerInput == null ? Shape.UNKNOWN
                : new Evaluator(new Reporter(null), bound).shape(innerInput.getShape());
        Shape given = in.shape();
        Shape bind = given;
        if (ShapeMath.merge(declared, given) == null) {
            shapeMismatch(l, name + " takes", declared, given);
            bind = declared;
        }
        Inference.Result res = session.network(inner, bound, bind);
        ModelReport inr = res.report();
        if (session.inCycle(inner) && session.inCycle(net)) {
            // A uses B uses A: each network's own run sees the cycle only inside the other, so say it here
            rep.error(IssueCodes.RECURSIVE_NETWORK, name + " uses " + net.getName() + " again through its steps: networks cannot use "
                    + "each other in a cycle", l, CALLEE, String.valueOf(name));
            Raw raw = add(out, new Raw(String.valueOf(name), Shape.UNKNOWN, null, null, l), in);
            return new Val(Shape.UNKNOWN, null, raw);
        }
        // errors that only appear with this binding belong to this step
        for (Problem p : session.newErrors(inner, res)) {
            rep.error(IssueCodes.NETWORK_STEP_FAILS, name + " fails on " + given + ": " + p.message(), l, CALLEE,
                    String.valueOf(name), p.code());
        }
        Val innerOut = res.outputs().isEmpty() ? Val.UNKNOWN : res.outputs().get(0);
        Raw raw = add(out, new Raw(String.valueOf(name), innerOut.shape(), inr.trainable(), inr.total(), l), in);
        if (raw != null) {
            raw.children = inr.nodes();
        }
        return new Val(innerOut.shape(), innerOut.activation(), raw);
    }

    private void shapeMismatch(EObject at, String what, Shape expected, Shape given) {
        if (expected.rank() == 3 && given.rank() == 3 && expected.size(0) != null && given.size(0) != null
                && !expected.size(0).equals(given.size(0))
                && ShapeMath.merge(expected.dim(1), given.dim(1)) != null && ShapeMath.merge(expected.dim(2), given.dim(2)) != null) {
            rep.error(IssueCodes.CHANNEL_MISMATCH, what + " " + expected.size(0) + " channels but gets " + given + ": insert conv2d("
                    + expected.size(0) + ", kernel: 1) before it", at, at instanceof LayerStep ? CALLEE : null,
                    expected.size(0).toString(), given.size(0).toString());
        } else {
            rep.error(IssueCodes.SHAPE_MISMATCH, what + " " + expected + " but gets " + given
                    + ": change the shapes so that they agree", at, at instanceof LayerStep ? CALLEE : null,
                    expected.toString(), given.toString());
        }
    }

    /** Binds a network's parameters to the arguments of a step or reference using it. */
    static Map<Parameter, Value> bindNetworkArgs(Evaluator ev, Reporter rep, List<Argument> args, Network inner, EObject owner,
            EStructuralFeature f) {
        Map<Parameter, Value> bound = new LinkedHashMap<>();
        List<Parameter> ps = new ArrayList<>();
        for (Parameter p : inner.getParameters()) {
            if (p != null) {
                ps.add(p);
            }
        }
        int pos = 0;
        for (Argument a : args) {
            if (a == null) {
                continue;
            }
            Parameter p;
            if (a.getName() == null) {
                if (pos >= ps.size()) {
                    rep.error(IssueCodes.TOO_MANY_POSITIONAL, inner.getName() + " takes " + ps.size() + " argument(s)"
                            + (ps.isEmpty() ? "" : " (" + String.join(", ", ps.stream().map(Parameter::getName).toList()) + ")")
                            + ": remove this one", a, null, Integer.toString(ps.size()));
                    pos++;
                    continue;
                }
                p = ps.get(pos++);
            } else {
                p = null;
                for (Parameter x : ps) {
                    if (a.getName().equals(x.getName())) {
                        p = x;
                    }
                }
                if (p == null) {
                    List<String> names = ps.stream().map(Parameter::getName).filter(x -> x != null).toList();
                    String near = Catalog.closest(a.getName(), names);
                    rep.error(IssueCodes.UNKNOWN_ARGUMENT, inner.getName() + " has no parameter '" + a.getName() + "'"
                            + (near != null ? ": did you mean " + near + "?"
                                    : names.isEmpty() ? ": it takes none" : ": it takes " + String.join(", ", names)),
                            a, P.getArgument_Name(), a.getName(), near == null ? "" : near);
                    continue;
                }
            }
            if (bound.containsKey(p)) {
                rep.error(IssueCodes.DUPLICATE_ARGUMENT, p.getName() + " is given twice: remove one", a, null,
                        String.valueOf(p.getName()));
                continue;
            }
            Value v = ev.eval(a.getValue());
            org.nnet.core.catalog.ArgType t = Evaluator.parameterType(p);
            if (t != null) {
                v = ev.check(v, t, null, p.getName(), inner.getName(), a);
            }
            bound.put(p, v);
        }
        for (Parameter p : ps) {
            if (!bound.containsKey(p)) {
                org.nnet.core.catalog.ArgType t = Evaluator.parameterType(p);
                String s = t == null ? "1" : Evaluator.suggestion(new org.nnet.core.catalog.ArgSpec(p.getName(), t, null, null,
                        false, true, ""));
                rep.error(IssueCodes.MISSING_ARGUMENT, inner.getName() + " needs " + p.getName() + ": add " + p.getName() + ": " + s,
                        owner, f, String.valueOf(p.getName()), s);
                bound.put(p, new Value.Unknown(t));
            }
        }
        return bound;
    }

    // ---- layers

    private Val layer(LayerStep l, CatalogEntry entry, Val in, List<Raw> out) {
        Evaluator.Bound a = ev.bind(l.getArgs(), entry, l, CALLEE, false);
        overflow = false;
        Layers.Result r = new Layers(this, l, entry.name(), a).apply(in.shape(), in.activation());
        if (overflow) {
            rep.warning(IssueCodes.NUMBER_TOO_LARGE, "The parameter count of this " + entry.name()
                    + " is too large to compute: check its sizes", l, CALLEE);
        } else {
            requireArraySized(entry.name(), r, l);
        }
        Raw raw = add(out, new Raw(entry.name(), r.shape(), r.trainable(), r.total(), l), in);
        return new Val(r.shape(), r.activation(), raw);
    }

    /** The runtime's arrays hold at most {@link Integer#MAX_VALUE} numbers: more parameters, or a larger sample, is an error. */
    private void requireArraySized(String name, Layers.Result r, LayerStep l) {
        Long sample = r.shape().product();
        if (r.trainable() != null && r.trainable() > Integer.MAX_VALUE) {
            rep.error(IssueCodes.NUMBER_TOO_LARGE, "This " + name + " has " + String.format(java.util.Locale.ROOT, "%,d", r.trainable())
                    + " parameters, more than the 2,147,483,647 numbers an array of the runtime can hold: use smaller sizes", l, CALLEE);
        } else if (sample != null && sample > Integer.MAX_VALUE) {
            rep.error(IssueCodes.NUMBER_TOO_LARGE, "Each sample of this " + name + " has " + String.format(java.util.Locale.ROOT, "%,d", sample)
                    + " numbers, more than the 2,147,483,647 an array of the runtime can hold: use smaller sizes", l, CALLEE);
        }
    }

    private Val multi(LayerStep l, String name, Val incoming, List<Raw> out) {
        CatalogEntry entry = Catalog.layer(name).orElseThrow();
        Evaluator.Bound a = ev.bind(l.getArgs(), entry, l, CALLEE, true);
        List<Val> ins = new ArrayList<>();
        if (incoming != null) {
            ins.add(incoming);
        }
        for (Argument arg : a.nodes) {
            SymbolRef ref = (SymbolRef) arg.getValue();
            ins.add(ref.getTarget() instanceof Node n ? valueOf(n, ref, P.getSymbolRef_Target()) : Val.UNKNOWN);
        }
        overflow = false;
        Layers.Result r = new Layers(this, l, name, a).applyMulti(ins);
        if (overflow) {
            rep.warning(IssueCodes.NUMBER_TOO_LARGE, "The parameter count of this " + name + " is too large to compute: check its sizes",
                    l, CALLEE);
        } else {
            requireArraySized(name, r, l);
        }
        Raw raw = add(out, new Raw(name, r.shape(), r.trainable(), r.total(), l), ins.toArray(new Val[0]));
        return new Val(r.shape(), r.activation(), raw);
    }

    // ---- checked arithmetic for counts

    /** {@link Inference#product}, remembering an overflow (a null from non-null operands). */
    Long mul(Long... xs) {
        return noteOverflow(Inference.product(xs), xs);
    }

    /** {@link Inference#sum}, remembering an overflow (a null from non-null operands). */
    Long add(Long... xs) {
        return noteOverflow(Inference.sum(xs), xs);
    }

    private Long noteOverflow(Long result, Long... operands) {
        if (result == null && java.util.Arrays.stream(operands).allMatch(java.util.Objects::nonNull)) {
            overflow = true;
        }
        return result;
    }

    // ---- result

    private ModelReport finish(List<Port> inPorts, List<Port> outPorts) {
        List<Raw> all = new ArrayList<>(inputRaws);
        for (Chain c : net.getChains()) {
            List<Raw> rs = chainRaws.get(c);
            if (rs != null) {
                all.addAll(rs);
            }
        }
        Set<String> userNames = new HashSet<>();
        for (Raw r : all) {
            if (r.userName != null) {
                userNames.add(r.userName);
            }
        }
        Map<String, Integer> counters = new HashMap<>();
        Set<String> used = new HashSet<>(userNames);
        for (Raw r : all) {
            int k = counters.merge(r.kind, 1, Integer::sum);
            if (r.userName != null) {
                r.name = r.userName;
                continue;
            }
            String n = r.kind + "_" + k;
            while (!used.add(n)) {
                n = n + "_";
            }
            r.name = n;
            r.generated = true;
        }
        List<NodeReport> nodes = new ArrayList<>(all.size());
        Long trainable = incomplete ? null : 0L;
        Long total = incomplete ? null : 0L;
        for (Raw r : all) {
            nodes.add(r.toReport());
            trainable = add(trainable, r.trainable);
            total = add(total, r.total);
        }
        if (outputMissing) {
            reportMissingOutput();
        }
        return new ModelReport(Inference.qualifiedName(net), ModelKind.NETWORK, net, inPorts, outPorts, nodes, List.of(), null,
                trainable, total, rep.problems());
    }
}
