package dev.switchboard.spi;

/**
 * The type of a plugin option, as written in config (YAML converted to JSON). The engine checks a
 * value against its {@link OptionSpec}'s type before the factory sees it, and hands the factory the
 * value as the JSON type named here (the text of a number or boolean, which is what {@code ${ENV}}
 * interpolation yields, is converted).
 */
public enum OptionType {
    /** A string (a number or boolean written where a string is expected is taken as its text). */
    STRING("string"),
    /** A whole number; handed to the factory as a JSON integer. */
    INTEGER("integer"),
    /** A finite number; handed to the factory as a JSON number. */
    NUMBER("number"),
    /** {@code true} or {@code false} (also their text, in any case). */
    BOOLEAN("boolean"),
    /** A list of strings. */
    STRING_LIST("list of strings"),
    /** An object; the factory checks its inside. */
    OBJECT("object"),
    /** Not checked: what {@link OptionSpec#optional}, {@link OptionSpec#required} and {@link OptionSpec#secret} declare. */
    ANY("any");

    private final String label;

    OptionType(String label) {
        this.label = label;
    }

    /** The name used in documentation and error messages, e.g. {@code list of strings}. */
    public String label() {
        return label;
    }
}
