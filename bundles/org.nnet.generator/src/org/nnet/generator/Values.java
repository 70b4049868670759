package org.nnet.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.ArgType;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.model.Argument;
import org.nnet.model.BinaryExpression;
import org.nnet.model.BooleanLiteral;
import org.nnet.model.Builtin;
import org.nnet.model.Dim;
import org.nnet.model.Element;
import org.nnet.model.Expression;
import org.nnet.model.Node;
import org.nnet.model.NumberLiteral;
import org.nnet.model.Parameter;
import org.nnet.model.ShapeLiteral;
import org.nnet.model.StringLiteral;
import org.nnet.model.SymbolRef;
import org.nnet.model.TupleLiteral;
import org.nnet.model.UnaryMinus;

/**
 * The values of expressions in a validated model, with a network's parameters bound: what the
 * generator writes into the program. Numbers are {@link Long} or {@link Double}; a built-in name
 * is a {@link Sym} with its own bound arguments; a shape is a {@code long[]}; a tuple a {@link List}.
 */
final class Values {

    /** A built-in name with its arguments bound by name (defaults not filled in). */
    record Sym(String name, Map<String, Object> args) {
        Object arg(String key) {
            return args.get(key);
        }
    }

    /** A reference to a node of a network. */
    record NodeRef(Node node) {
    }

    /** A reference to a declaration (a dataset, a network, a model). */
    record Decl(Element element, SymbolRef ref) {
    }

    private final Map<Parameter, Object> params;

    Values(Map<Parameter, Object> params) {
        this.params = params == null ? Map.of() : params;
    }

    Object eval(Expression x) {
        if (x == null) {
            return null;
        }
        if (x instanceof NumberLiteral n) {
            return number(n.getValue());
        }
        if (x instanceof StringLiteral s) {
            return s.getValue() == null ? "" : s.getValue();
        }
        if (x instanceof BooleanLiteral b) {
            return b.isValue();
        }
        if (x instanceof ShapeLiteral s) {
            long[] dims = new long[s.getDims().size()];
            int i = 0;
            for (Dim d : s.getDims()) {
                Object v = eval(d.getSize());
                dims[i++] = v instanceof Long l ? l : -1;
            }
            return dims;
        }
        if (x instanceof TupleLiteral t) {
            List<Object> items = new ArrayList<>();
            for (Expression e : t.getElements()) {
                items.add(eval(e));
            }
            return items;
        }
        if (x instanceof UnaryMinus u) {
            Object v = eval(u.getOperand());
            return v instanceof Long l ? (Object) (-l) : v instanceof Double d ? (Object) (-d) : null;
        }
        if (x instanceof BinaryExpression b) {
            Object l = eval(b.getLeft()), r = eval(b.getRight());
            if (l instanceof Long a && r instanceof Long c) {
                return switch (b.getOp()) {
                    case "+" -> a + c;
                    case "-" -> a - c;
                    case "*" -> a * c;
                    default -> c == 0 ? null : a / c;
                };
            }
            if (l instanceof Number a && r instanceof Number c) {
                double p = a.doubleValue(), q = c.doubleValue();
                return switch (b.getOp()) {
                    case "+" -> p + q;
                    case "-" -> p - q;
                    case "*" -> p * q;
                    default -> p / q;
                };
            }
            return null;
        }
        if (x instanceof SymbolRef ref) {
            return ref(ref);
        }
        return null;
    }

    private Object ref(SymbolRef ref) {
        var target = ref.getTarget();
        if (target instanceof Parameter p) {
            return params.get(p);
        }
        if (target instanceof Builtin b) {
            return new Sym(b.getName(), bind(ref.getArgs(), entryFor(b.getName())));
        }
        if (target instanceof Node n) {
            return new NodeRef(n);
        }
        if (target instanceof Element e) {
            return new Decl(e, ref);
        }
        return null;
    }

    private static CatalogEntry entryFor(String name) {
        return Catalog.entry(name).orElse(null);
    }

    /**
     * Binds call arguments to an entry's argument names: named ones by name, the positional one to the
     * main argument (a built-in with a main argument in several categories takes the first).
     * Positional node references (inputs of multi-input layers) are left out.
     */
    Map<String, Object> bind(List<Argument> args, CatalogEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Argument a : args) {
            if (a == null) {
                continue;
            }
            if (a.getName() != null) {
                out.put(a.getName(), eval(a.getValue()));
                continue;
            }
            Object v = eval(a.getValue());
            if (v instanceof NodeRef) {
                continue;
            }
            String main = entry == null ? null : entry.mainArg().map(ArgSpec::name).orElse(null);
            out.put(main == null ? "_" + out.size() : main, v);
        }
        return out;
    }

    /** Binds against an entry looked up in a specific category (e.g. {@code normal} as noise, not initializer). */
    Sym sym(Object v, CatalogEntry entry, SymbolRef ref) {
        if (ref != null && entry != null) {
            return new Sym(entry.name(), bind(ref.getArgs(), entry));
        }
        return v instanceof Sym s ? s : null;
    }

    /** The value of an argument, else its catalogue default parsed, else null. */
    static Object argOrDefault(Map<String, Object> args, CatalogEntry entry, String name) {
        if (args.containsKey(name) && args.get(name) != null) {
            return args.get(name);
        }
        ArgSpec spec = entry == null ? null : entry.arg(name).orElse(null);
        if (spec == null || spec.defaultText() == null) {
            return null;
        }
        String d = spec.defaultText();
        if (spec.type() == ArgType.BOOL) {
            return Boolean.parseBoolean(d);
        }
        if (spec.type() == ArgType.ACTIVATION || spec.type() == ArgType.INITIALIZER || spec.type() == ArgType.PADDING) {
            return new Sym(d, Map.of());
        }
        Object n = number(d);
        return n != null ? n : d;
    }

    static Object number(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.matches("[0-9]+")) {
                return Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            // too large for a long: read as a double below
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
