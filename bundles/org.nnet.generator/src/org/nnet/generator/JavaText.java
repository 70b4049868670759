package org.nnet.generator;

import java.util.Locale;
import java.util.Set;

/**
 * Turns text from a user's .nnet file into safe pieces of Java source: string literals that
 * cannot end early, identifiers that are never keywords, comments that cannot close or break a line.
 * <p>
 * Java translates {@code \}{@code uXXXX} escapes before it tokenises, even in comments and string
 * literals, so every backslash of user text is doubled (a doubled backslash cannot start an escape)
 * and every character outside printable ASCII is written as an escape of its own.
 */
public final class JavaText {

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
            "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw",
            "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_", "var", "yield", "record",
            "sealed", "permits", "non-sealed", "when", "module", "open", "exports", "requires");

    private JavaText() {
    }

    /** A Java string literal, quotes included, whose value is exactly {@code s}. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        // octal escapes are read with the literal, after unicode escapes are translated
                        b.append(String.format(Locale.ROOT, "\\%03o", (int) c));
                    } else if (c > 0x7f) {
                        // a unicode escape of a non-ASCII character can never turn into a quote, backslash or line end
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * A Java identifier made from a name: characters other than ASCII letters, digits and {@code _}
     * become {@code _}, a leading digit gets a {@code _} in front, and keywords get a {@code _} after.
     */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            return "unnamed";
        }
        StringBuilder b = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9';
            b.append(ok ? c : '_');
        }
        if (Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        String id = b.toString();
        return KEYWORDS.contains(id) ? id + "_" : id;
    }

    /** Whether the text is a Java keyword or literal name. */
    public static boolean isKeyword(String s) {
        return KEYWORDS.contains(s);
    }

    /** A Java package name from a dotted .nnet package; each segment an identifier, lower case not forced. */
    public static String packageName(String dotted, String fallback) {
        if (dotted == null || dotted.isBlank()) {
            return fallback;
        }
        StringBuilder b = new StringBuilder();
        for (String part : dotted.split("\\.", -1)) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(identifier(part));
        }
        return b.toString();
    }

    /**
     * Text for a {@code //} or Javadoc comment: printable ASCII only, no backslash (which could start a
     * unicode escape), no {@code *}{@code /}; anything else becomes {@code ?}.
     */
    public static String comment(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 0x20 && c <= 0x7e && c != '\\' && c != '*' && c != '@' && c != '<' && c != '>' && c != '&';
            b.append(ok ? c : '?');
        }
        return b.toString();
    }

    /** A Java double literal for a value (finite values only reach here from the language's numbers). */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v) + ".0";
        }
        return Double.toString(v);
    }
}
