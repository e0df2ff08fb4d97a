package dev.distill.engine.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The type of one descriptor setting, as its annotation member declares it, and how a property value of that type
 * is read.
 *
 * @param kind the Java type of the annotation member
 * @param constants the enum constants, for {@link Kind#ENUM}; empty otherwise
 */
record SettingType(Kind kind, List<String> constants) {

    /** The Java types an annotation member of a descriptor can have. */
    enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, ENUM, STRINGS, INTS }

    /**
     * Reads a property value as a JSON value of this type. Numbers are Java literals; {@code null}, {@code NaN} or
     * nothing leave a {@code double} unset ({@code finalTemperature}: a constant temperature; {@code learningRate}:
     * the student architecture's; {@code hiddenWeight}: automatic); booleans are
     * {@code true} or {@code false}; enum constants are matched ignoring case; lists are separated by commas, and
     * an empty value is an empty list.
     *
     * @throws IllegalArgumentException when the value does not fit; its message says what is expected, e.g.
     *     {@code "must be an integer"}
     */
    JsonElement parse(String value) {
        String trimmed = value.trim();
        switch (kind) {
            case STRING:
                return new JsonPrimitive(value);
            case INT:
                return new JsonPrimitive(parseNumber(trimmed, Integer::parseInt, "must be an integer"));
            case LONG:
                return new JsonPrimitive(parseNumber(trimmed, Long::parseLong, "must be a (64-bit) integer"));
            case DOUBLE:
                if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("null") || trimmed.equals("NaN")) {
                    return JsonNull.INSTANCE;
                }
                return new JsonPrimitive(parseNumber(trimmed, Double::parseDouble, "must be a number, e.g. 0.5"));
            case BOOLEAN:
                if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                    return new JsonPrimitive(Boolean.parseBoolean(trimmed));
                }
                throw new IllegalArgumentException("must be true or false");
            case ENUM:
                return new JsonPrimitive(constant(trimmed));
            case STRINGS:
                JsonArray strings = new JsonArray();
                for (String item : items(trimmed)) {
                    strings.add(item);
                }
                return strings;
            case INTS:
                JsonArray integers = new JsonArray();
                for (String item : items(trimmed)) {
                    integers.add(parseNumber(item, Integer::parseInt,
                            "must be integers separated by commas, e.g. 3,4,5"));
                }
                return integers;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** What a property value of this type looks like, for help: {@code "a number"}, {@code "one of KL, MSE"}. */
    String describe() {
        switch (kind) {
            case STRING:
                return "text";
            case INT:
            case LONG:
                return "an integer";
            case DOUBLE:
                return "a number";
            case BOOLEAN:
                return "true or false";
            case ENUM:
                return "one of " + constantNames();
            case STRINGS:
                return "texts separated by commas";
            case INTS:
                return "integers separated by commas";
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** The constant named {@code value}, ignoring case. */
    private String constant(String value) {
        for (String constant : constants) {
            if (constant.equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + constantNames() + " (any case)");
    }

    /** The names of the enum constants, comma-separated. */
    String constantNames() {
        return String.join(", ", constants);
    }

    /** Whether {@code name} is one of the enum constants, exactly. */
    boolean isConstant(String name) {
        return constants.contains(name);
    }

    private static String[] items(String list) {
        if (list.isEmpty()) {
            return new String[0];
        }
        return Arrays.stream(list.split(",", -1)).map(String::trim).toArray(String[]::new);
    }

    private static <T extends Number> T parseNumber(String text, Function<String, T> parser,
            String expected) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
    }
}
