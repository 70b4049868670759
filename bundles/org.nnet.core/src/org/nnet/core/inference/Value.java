package org.nnet.core.inference;

import java.util.List;

import org.nnet.core.catalog.ArgType;
import org.nnet.core.shape.Shape;
import org.nnet.model.Builtin;
import org.nnet.model.Element;
import org.nnet.model.Node;
import org.nnet.model.SymbolRef;

/** The value of an expression, as far as it can be known before training. */
sealed interface Value {

    /** An integer. */
    record Int(long value) implements Value {
    }

    /** A non-integral number. */
    record Real(double value) implements Value {
    }

    /** A boolean. */
    record Bool(boolean value) implements Value {
    }

    /** A string. */
    record Str(String value) implements Value {
    }

    /** A shape literal. */
    record ShapeValue(Shape shape) implements Value {
    }

    /** A built-in name, possibly called with arguments ({@code leakyrelu(0.2)}); {@code ref} holds the arguments. */
    record Sym(String name, Builtin builtin, SymbolRef ref) implements Value {
    }

    /** A declaration: a network, dataset, model. */
    record Decl(Element element, SymbolRef ref) implements Value {
    }

    /** A node of a network. */
    record NodeRef(Node node, SymbolRef ref) implements Value {
    }

    /** A tuple {@code (3, 5)}. */
    record Tuple(List<Value> items) implements Value {
    }

    /** Not known before training (an unbound parameter, {@code ?}, an unresolved name); {@code type} says what it would be, if known. */
    record Unknown(ArgType type) implements Value {
    }

    /** A value that is not known and of no known type. */
    Unknown UNKNOWN = new Unknown(null);

    /** A text that identifies the value for caching. */
    static String key(Value v) {
        return switch (v) {
            case Int i -> "i" + i.value();
            case Real r -> "r" + r.value();
            case Bool b -> "b" + b.value();
            case Str s -> "s" + s.value();
            case ShapeValue s -> "h" + s.shape();
            case Sym s -> s.ref() == null || s.ref().getArgs().isEmpty() ? "y" + s.name() : "y" + System.identityHashCode(s.ref());
            case Decl d -> "d" + System.identityHashCode(d.element());
            case NodeRef n -> "n" + System.identityHashCode(n.node());
            case Tuple t -> "t" + t.items().stream().map(Value::key).toList();
            case Unknown u -> "u" + u.type();
        };
    }

    /** For messages: how the value reads. */
    static String describe(Value v) {
        return switch (v) {
            case Int i -> Long.toString(i.value());
            case Real r -> Double.toString(r.value());
            case Bool b -> Boolean.toString(b.value());
            case Str s -> '"' + s.value() + '"';
            case ShapeValue s -> s.shape().toString();
            case Sym s -> s.name();
            case Decl d -> d.element().getName() + " (" + Inference.describeKind(d.element()) + ")";
            case NodeRef n -> "the node " + n.node().getName();
            case Tuple t -> "(" + String.join(", ", t.items().stream().map(Value::describe).toList()) + ")";
            case Unknown u -> "?";
        };
    }
}
