package org.nnet.core.catalog;

/**
 * One argument a built-in takes.
 *
 * @param name        the argument name, as written before the colon
 * @param type        the type of value it takes
 * @param defaultText the default as it would be written in a .nnet file, or {@code null} if none
 * @param range       the allowed numeric interval, or {@code null}
 * @param main        whether it is the positional first argument ({@code dense(128)})
 * @param required    whether it must be given
 * @param doc         one line for content assist and hovers
 */
public record ArgSpec(String name, ArgType type, String defaultText, Range range, boolean main, boolean required,
        String doc) {

    /** How content assist shows it: {@code "kernel: int or pair (required)"}, {@code "stride = 1"}. */
    public String signature() {
        return name + (defaultText != null ? " = " + defaultText : required ? " (required)" : "");
    }
}
