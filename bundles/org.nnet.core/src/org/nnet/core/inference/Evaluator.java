package org.nnet.core.inference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.nnet.core.IssueCodes;
import org.nnet.core.catalog.ArgSpec;
import org.nnet.core.catalog.ArgType;
import org.nnet.core.catalog.Catalog;
import org.nnet.core.catalog.CatalogEntry;
import org.nnet.core.catalog.Category;
import org.nnet.core.catalog.Range;
import org.nnet.core.shape.Shape;
import org.nnet.model.Argument;
import org.nnet.model.BinaryExpression;
import org.nnet.model.BooleanLiteral;
import org.nnet.model.Builtin;
import org.nnet.model.Dim;
import org.nnet.model.Element;
import org.nnet.model.Expression;
import org.nnet.model.Node;
import org.nnet.model.NnetPackage;
import org.nnet.model.NumberLiteral;
import org.nnet.model.Parameter;
import org.nnet.model.ShapeLiteral;
import org.nnet.model.StringLiteral;
import org.nnet.model.Symbol;
import org.nnet.model.SymbolRef;
import org.nnet.model.TupleLiteral;
import org.nnet.model.UnaryMinus;
import org.nnet.model.UnknownLiteral;

/** Evaluates expressions and binds arguments against the catalogue, reporting what does not fit. */
final class Evaluator {

    private static final NnetPackage P = NnetPackage.eINSTANCE;

    /** The arguments of one call, bound to the callee's argument specs. */
    static final class Bound {
        final CatalogEntry entry;
        final Map<String, Value> values = new LinkedHashMap<>();
        final Map<String, Argument> sources = new LinkedHashMap<>();
        /** Positional arguments that name nodes (multi-input layers), in order. */
        final List<Argument> nodes = new ArrayList<>();

        Bound(CatalogEntry entry) {
            this.entry = entry;
        }

        Value get(String name) {
            return values.get(name);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        /** The integer value, the default if absent, or null if unknown. */
        Long integer(String name, Long dflt) {
            Value v = values.get(name);
            if (v == null) {
                return dflt;
            }
            return v instanceof Value.Int i ? i.value() : null;
        }

        Boolean bool(String name, boolean dflt) {
            Value v = values.get(name);
            if (v == null) {
                return dflt;
            }
            return v instanceof Value.Bool b ? b.value() : null;
        }

        /** A built-in name's value ({@code relu}), the default if absent, or null if unknown. */
        String symbol(String name, String dflt) {
            Value v = values.get(name);
            if (v == null) {
                return dflt;
            }
            return v instanceof Value.Sym s ? s.name() : null;
        }

        /** An int-or-pair value as {h, w} (entries null when unknown), the default if absent. */
        Long[] pair(String name, Long[] dflt) {
            Value v = values.get(name);
            if (v == null) {
                return dflt;
            }
            return Evaluator.pair(v);
        }
    }

    final Reporter rep;
    private final Map<Parameter, Value> params;

    Evaluator(Reporter rep, Map<Parameter, Value> params) {
        this.rep = rep;
        this.params = params == null ? Map.of() : params;
    }

    static boolean unresolved(EObject o) {
        return o == null || o.eIsProxy();
    }

    static Long[] pair(Value v) {
        if (v instanceof Value.Int i) {
            return new Long[] {i.value(), i.value()};
        }
        if (v instanceof Value.Tuple t && t.items().size() == 2) {
            return new Long[] {t.items().get(0) instanceof Value.Int a ? a.value() : null,
                t.items().get(1) instanceof Value.Int b ? b.value() : null};
        }
        return new Long[] {null, null};
    }

    static ArgType parameterType(Parameter p) {
        return p == null || p.getType() == null ? null : Catalog.parameterTypes().get(p.getType());
    }

    // ---- expressions

    Value eval(Expression e) {
        if (e == null) {
            return Value.UNKNOWN;
        }
        if (e instanceof NumberLiteral n) {
            return number(n);
        }
        if (e instanceof StringLiteral s) {
            return s.getValue() == null ? Value.UNKNOWN : new Value.Str(s.getValue());
        }
        if (e instanceof BooleanLiteral b) {
            return new Value.Bool(b.isValue());
        }
        if (e instanceof UnknownLiteral) {
            return Value.UNKNOWN;
        }
        if (e instanceof ShapeLiteral s) {
            return new Value.ShapeValue(shape(s));
        }
        if (e instanceof TupleLiteral t) {
            List<Value> items = new ArrayList<>(t.getElements().size());
            for (Expression x : t.getElements()) {
                items.add(eval(x));
            }
            return new Value.Tuple(items);
        }
        if (e instanceof UnaryMinus u) {
            Value v = eval(u.getOperand());
            if (v instanceof Value.Int i) {
                if (i.value() == Long.MIN_VALUE) {
                    return tooLarge(e);
                }
                return new Value.Int(-i.value());
            }
            if (v instanceof Value.Real r) {
                return new Value.Real(-r.value());
            }
            if (v instanceof Value.Unknown) {
                return v;
            }
            rep.error(IssueCodes.WRONG_ARGUMENT_TYPE, "'-' works on numbers, not on " + Value.describe(v) + ": remove it", e, null,
                    "-", ArgType.FLOAT.description());
            return Value.UNKNOWN;
        }
        if (e instanceof BinaryExpression b) {
            return binary(b);
        }
        if (e instanceof SymbolRef r) {
            return symbol(r);
        }
        return Value.UNKNOWN;
    }

    private Value tooLarge(EObject at) {
        rep.error(IssueCodes.NUMBER_TOO_LARGE, "This number is too large to compute with: use a smaller one", at, null);
        return new Value.Unknown(ArgType.INT);
    }

    private Value number(NumberLiteral n) {
        String t = n.getValue();
        if (t == null || t.isEmpty()) {
            return Value.UNKNOWN;
        }
        if (t.length() <= 18 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Value.Int(Long.parseLong(t));
        }
        try {
            BigDecimal d = new BigDecimal(t);
            if (t.indexOf('.') < 0 && d.signum() == 0) {
                return new Value.Int(0);
            }
            if (t.indexOf('.') < 0 && d.stripTrailingZeros().scale() <= 0) {
                if (d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    return tooLarge(n);
                }
                return new Value.Int(d.longValueExact());
            }
            double v = d.doubleValue();
            if (Double.isInfinite(v)) {
                rep.error(IssueCodes.NUMBER_TOO_LARGE, "This number is too large to compute with: use a smaller one", n, null);
                return new Value.Unknown(ArgType.FLOAT);
            }
            return new Value.Real(v);
        } catch (NumberFormatException | ArithmeticException ex) {
            return Value.UNKNOWN;
        }
    }

    private Value binary(BinaryExpression top) {
        // a left-deep spine (1 + 2 + 3 + ...) is folded in a loop, so long sums do not exhaust the stack
        java.util.ArrayDeque<BinaryExpression> spine = new java.util.ArrayDeque<>();
        Expression cur = top;
        while (cur instanceof BinaryExpression be) {
            spine.push(be);
            cur = be.getLeft();
        }
        Value acc = eval(cur);
        while (!spine.isEmpty()) {
            BinaryExpression be = spine.pop();
            acc = combine(be, acc, eval(be.getRight()));
        }
        return acc;
    }

    private Value combine(BinaryExpression b, Value l, Value r) {
        String op = b.getOp();
        if (op == null) {
            return Value.UNKNOWN;
        }
        boolean ln = l instanceof Value.Int || l instanceof Value.Real;
        boolean rn = r instanceof Value.Int || r instanceof Value.Real;
        if ((!ln && !(l instanceof Value.Unknown)) || (!rn && !(r instanceof Value.Unknown))) {
            Value bad = ln || l instanceof Value.Unknown ? r : l;
            rep.error(IssueCodes.WRONG_ARGUMENT_TYPE, "'" + op + "' works on numbers, not on " + Value.describe(bad)
                    + ": use numbers or int parameters", b, null, op, ArgType.FLOAT.description());
            return Value.UNKNOWN;
        }
        if (l instanceof Value.Unknown || r instanceof Value.Unknown) {
            boolean ints = isIntLike(l) && isIntLike(r);
            return new Value.Unknown(ints ? ArgType.INT : ArgType.FLOAT);
        }
        if (l instanceof Value.Int a && r instanceof Value.Int c) {
            try {
                return switch (op) {
                    case "+" -> new Value.Int(Math.addExact(a.value(), c.value()));
                    case "-" -> new Value.Int(Math.subtractExact(a.value(), c.value()));
                    case "*" -> new Value.Int(Math.multiplyExact(a.value(), c.value()));
                    case "/" -> {
                        if (c.value() == 0) {
                            rep.error(IssueCodes.DIVISION_BY_ZERO, "Division by zero: divide by a number other than 0", b, null);
                            yield new Value.Unknown(ArgType.INT);
                        }
                        if (a.value() % c.value() != 0) {
                            yield new Value.Real((double) a.value() / c.value());
                        }
                        yield new Value.Int(a.value() / c.value());
                    }
                    default -> Value.UNKNOWN;
                };
            } catch (ArithmeticException ex) {
                return tooLarge(b);
            }
        }
        double x = l instanceof Value.Int a ? a.value() : ((Value.Real) l).value();
        double y = r instanceof Value.Int c ? c.value() : ((Value.Real) r).value();
        double v = switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> y == 0 ? Double.NaN : x / y;
            default -> Double.NaN;
        };
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            if ("/".equals(op) && y == 0) {
                rep.error(IssueCodes.DIVISION_BY_ZERO, "Division by zero: divide by a number other than 0", b, null);
            }
            return new Value.Unknown(ArgType.FLOAT);
        }
        return new Value.Real(v);
    }

    private static boolean isIntLike(Value v) {
        return v instanceof Value.Int || (v instanceof Value.Unknown u && (u.type() == null || u.type() == ArgType.INT));
    }

    private Value symbol(SymbolRef r) {
        Symbol t = r.getTarget();
        if (unresolved(t)) {
            return Value.UNKNOWN;
        }
        if (t instanceof Builtin b) {
            return b.getName() == null ? Value.UNKNOWN : new Value.Sym(b.getName(), b, r);
        }
        if (t instanceof Parameter p) {
            Value v = params.get(p);
            return v != null ? v : new Value.Unknown(parameterType(p));
        }
        if (t instanceof Node n) {
            return new Value.NodeRef(n, r);
        }
        if (t instanceof Element el) {
            return new Value.Decl(el, r);
        }
        return Value.UNKNOWN;
    }

    // ---- shapes

    Shape shape(ShapeLiteral s) {
        if (s == null) {
            return Shape.UNKNOWN;
        }
        List<Shape.Dimension> dims = new ArrayList<>(s.getDims().size());
        for (Dim d : s.getDims()) {
            if (d == null) {
                dims.add(Shape.Dimension.unknown());
                continue;
            }
            Value v = eval(d.getSize());
            Long size = null;
            if (v instanceof Value.Int i) {
                if (i.value() <= 0) {
                    rep.error(IssueCodes.BAD_DIMENSION, "A dimension must be a positive integer or ?, not " + i.value()
                            + ": use a size of at least 1", d, P.getDim_Size());
                } else {
                    size = i.value();
                }
            } else if (v instanceof Value.Unknown u) {
                if (u.type() != null && u.type() != ArgType.INT) {
                    rep.error(IssueCodes.BAD_DIMENSION, "A dimension must be a positive integer or ?, but this parameter is "
                            + u.type().description() + ": declare it as int", d, P.getDim_Size());
                }
            } else {
                rep.error(IssueCodes.BAD_DIMENSION, "A dimension must be a positive integer or ?, not " + Value.describe(v)
                        + ": write a size like 28", d, P.getDim_Size());
            }
            dims.add(new Shape.Dimension(d.getName(), size));
        }
        SymbolRef el = s.getElementType();
        if (el == null) {
            return Shape.of(dims);
        }
        Symbol t = el.getTarget();
        if (unresolved(t)) {
            return Shape.tokens(dims, null);
        }
        if (!(t instanceof Builtin b) || !"token".equals(b.getName())) {
            rep.error(IssueCodes.WRONG_ARGUMENT_TYPE, "The element type of a shape is token(vocab: N), not " + t.getName()
                    + ": write of token(vocab: N)", el, P.getSymbolRef_Target(), "of", "token(vocab: N)");
            return Shape.of(dims);
        }
        Bound a = bind(el.getArgs(), Catalog.entry("token", Category.TYPE).orElseThrow(), el, P.getSymbolRef_Target(), false);
        return Shape.tokens(dims, a.integer("vocab", null));
    }

    // ---- arguments

    /** Binds a call's arguments to the entry's specs. */
    Bound bind(List<Argument> args, CatalogEntry entry, EObject owner, EStructuralFeature ownerFeature, boolean nodesAllowed) {
        Bound b = new Bound(entry);
        ArgSpec main = entry.mainArg().orElse(null);
        int positional = 0;
        for (Argument a : args) {
            if (a == null) {
                continue;
            }
            Value v = eval(a.getValue());
            String n = a.getName();
            ArgSpec spec;
            if (n == null) {
                if (nodesAllowed && (v instanceof Value.NodeRef
                        || (v instanceof Value.Unknown && a.getValue() instanceof SymbolRef))) {
                    b.nodes.add(a);
                    continue;
                }
                if (nodesAllowed && main == null) {
                    rep.error(IssueCodes.WRONG_INPUTS, entry.name() + " takes nodes as its positional arguments, and "
                            + Value.describe(v) + " is not a node: name a node or write the argument as name: value", a, null);
                    continue;
                }
                positional++;
                if (main == null || positional > 1) {
                    rep.error(IssueCodes.TOO_MANY_POSITIONAL, main == null
                            ? entry.name() + " takes no positional argument: write it as name: value"
                            : entry.name() + " takes one positional argument (" + main.name()
                                    + "): write the others as name: value", a, null, main == null ? "0" : "1");
                    continue;
                }
                spec = main;
            } else {
                spec = entry.arg(n).orElse(null);
                if (spec == null) {
                    String near = Catalog.closest(n, entry.args().stream().map(ArgSpec::name).toList());
                    String known = entry.args().isEmpty() ? entry.name() + " takes no arguments"
                            : "it takes " + String.join(", ", entry.args().stream().map(ArgSpec::name).toList());
                    rep.error(IssueCodes.UNKNOWN_ARGUMENT, entry.name() + " has no argument '" + n + "'"
                            + (near != null ? ": did you mean " + near + "?" : ": " + known), a, P.getArgument_Name(),
                            n, near == null ? "" : near);
                    continue;
                }
            }
            if (b.values.containsKey(spec.name())) {
                rep.error(IssueCodes.DUPLICATE_ARGUMENT, spec.name() + " is given twice: remove one", a, null, spec.name());
                continue;
            }
            b.sources.put(spec.name(), a);
            b.values.put(spec.name(), check(v, spec.type(), spec.range(), spec.name(), entry.name(), a));
        }
        for (ArgSpec s : entry.args()) {
            if (s.required() && !b.values.containsKey(s.name())) {
                rep.error(IssueCodes.MISSING_ARGUMENT, entry.name() + " needs " + s.name() + ": add " + s.name() + ": "
                        + suggestion(s), owner, ownerFeature, s.name(), suggestion(s));
            }
        }
        return b;
    }

    /** Checks one value against a type and range; returns it, or an unknown of that type if it does not fit. */
    Value check(Value v, ArgType type, Range range, String argName, String calleeName, Argument at) {
        EObject where = at.getValue() != null ? at.getValue() : at;
        if (!fits(v, type)) {
            rep.error(IssueCodes.WRONG_ARGUMENT_TYPE, argName + " of " + calleeName + " takes " + type.description()
                    + ", not " + Value.describe(v), where, null, argName, type.description());
            return new Value.Unknown(type);
        }
        if (range != null && !inRange(v, range)) {
            rep.error(IssueCodes.OUT_OF_RANGE, argName + " of " + calleeName + " must be " + range.describe() + ", not "
                    + Value.describe(v), where, null, argName, range.describe());
            return new Value.Unknown(type);
        }
        if (v instanceof Value.Sym s) {
            Category c = switch (type) {
                case ACTIVATION -> Category.ACTIVATION;
                case INITIALIZER -> Category.INITIALIZER;
                case SPLIT -> Category.SPLIT;
                case PADDING -> Category.PADDING;
                default -> null;
            };
            if (c != null) {
                checkCall(s, c);
            }
        }
        return v;
    }

    /** Checks the arguments of a built-in used as a value ({@code leakyrelu(0.2)}, {@code adam(lr: 1e-3)}). */
    Bound checkCall(Value.Sym s, Category category) {
        CatalogEntry e = Catalog.entry(s.name(), category).orElse(null);
        if (e == null || s.ref() == null) {
            return null;
        }
        return bind(s.ref().getArgs(), e, s.ref(), P.getSymbolRef_Target(), false);
    }

    static boolean fits(Value v, ArgType t) {
        if (v instanceof Value.Unknown u) {
            return u.type() == null || u.type() == t
                    || (u.type() == ArgType.INT && (t == ArgType.FLOAT || t == ArgType.INT_OR_PAIR || t == ArgType.PADDING));
        }
        return switch (t) {
            case INT -> v instanceof Value.Int;
            case FLOAT -> v instanceof Value.Int || v instanceof Value.Real;
            case BOOL -> v instanceof Value.Bool;
            case STRING -> v instanceof Value.Str;
            case SHAPE -> v instanceof Value.ShapeValue;
            case INT_OR_PAIR -> v instanceof Value.Int || intPair(v);
            case PADDING -> v instanceof Value.Int || intPair(v)
                    || (v instanceof Value.Sym s && Catalog.isA(s.name(), Category.PADDING));
            case ACTIVATION -> v instanceof Value.Sym s && Catalog.isA(s.name(), Category.ACTIVATION);
            case INITIALIZER -> v instanceof Value.Sym s && Catalog.isA(s.name(), Category.INITIALIZER);
            case SPLIT -> v instanceof Value.Sym s && ("train".equals(s.name()) || "test".equals(s.name()));
        };
    }

    private static boolean intPair(Value v) {
        return v instanceof Value.Tuple t && t.items().size() == 2 && t.items().stream().allMatch(x -> fits(x, ArgType.INT));
    }

    private static boolean inRange(Value v, Range r) {
        if (v instanceof Value.Int i) {
            return r.contains(i.value());
        }
        if (v instanceof Value.Real d) {
            return r.contains(d.value());
        }
        if (v instanceof Value.Tuple t) {
            return t.items().stream().allMatch(x -> inRange(x, r));
        }
        return true;
    }

    static String suggestion(ArgSpec s) {
        String byName = switch (s.name() == null ? "" : s.name()) {
            case "kernel" -> "3";
            case "dim", "key_dim", "filters" -> "32";
            case "heads" -> "4";
            case "units" -> "64";
            case "window" -> "100";
            case "vocab" -> "128";
            case "length" -> "10";
            case "size" -> "1000";
            case "rate" -> "0.5";
            case "fn" -> "relu";
            case "latent" -> "2";
            case "fraction" -> "0.1";
            case "factor" -> "1e-4";
            case "epochs" -> "3";
            default -> null;
        };
        if (byName != null) {
            return byName;
        }
        if (s.defaultText() != null) {
            return s.defaultText();
        }
        return switch (s.type()) {
            case INT, INT_OR_PAIR, PADDING -> "1";
            case FLOAT -> "0.1";
            case BOOL -> "true";
            case STRING -> "\"\"";
            case SHAPE -> "[1]";
            case ACTIVATION -> "relu";
            case INITIALIZER -> "xavier";
            case SPLIT -> "train";
        };
    }
}
