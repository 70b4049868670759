package org.nnet.core.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A built-in name of the language with its category, its arguments and a one-line description.
 * Immutable; lookups of arguments by name are constant-time.
 */
public final class CatalogEntry {

    private final String name;
    private final Category category;
    private final String doc;
    private final List<ArgSpec> args;
    private final Map<String, ArgSpec> byName = new HashMap<>();
    private final ArgSpec main;

    /**
     * Creates an entry.
     *
     * @param name     the name as written in a .nnet file
     * @param category what kind of thing it is
     * @param doc      one line for content assist and hovers
     * @param args     the arguments it takes (empty when it takes none); copied
     */
    public CatalogEntry(String name, Category category, String doc, List<ArgSpec> args) {
        this.name = Objects.requireNonNull(name);
        this.category = Objects.requireNonNull(category);
        this.doc = doc;
        this.args = List.copyOf(args);
        ArgSpec m = null;
        for (ArgSpec a : this.args) {
            byName.put(a.name(), a);
            if (a.main() && m == null) {
                m = a;
            }
        }
        this.main = m;
    }

    /** The name as written in a .nnet file. */
    public String name() {
        return name;
    }

    /** What kind of thing it is. */
    public Category category() {
        return category;
    }

    /** One line for content assist and hovers. */
    public String doc() {
        return doc;
    }

    /** The arguments it takes, main argument first where it has one. */
    public List<ArgSpec> args() {
        return args;
    }

    /** The category id stored in {@code Builtin.category}. */
    public String categoryId() {
        return category.id();
    }

    /** The argument with that name. */
    public Optional<ArgSpec> arg(String argName) {
        return Optional.ofNullable(argName == null ? null : byName.get(argName));
    }

    /** The positional main argument, if it has one. */
    public Optional<ArgSpec> mainArg() {
        return Optional.ofNullable(main);
    }

    /** A signature for content assist: {@code dense(units, activation: linear, bias: true, init: xavier)}. */
    public String signature() {
        if (args.isEmpty()) {
            return category == Category.LAYER ? name + "()" : name;
        }
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            ArgSpec a = args.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(a.main() ? a.name() + (a.defaultText() != null ? " = " + a.defaultText() : "")
                    : a.name() + ": " + (a.defaultText() != null ? a.defaultText() : "…"));
        }
        return b.append(')').toString();
    }

    @Override
    public String toString() {
        return category.id() + " " + signature();
    }
}
