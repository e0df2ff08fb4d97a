package dev.distill.engine.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the elements of an array of annotations ({@code teacher}) in a descriptor JSON, as the checks name
 * them: {@code teacher.model} when the descriptor has one teacher (its JSON an object, or a list of one),
 * {@code teacher[i].model} for each of several. A property may name the first of several without an index.
 */
final class ElementPath {

    /** A first path part with an optional index, and the rest: {@code teacher[1]} and {@code model}. */
    private static final Pattern ELEMENT = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)\\])?\\.(.+)");

    /**
     * One part of a dotted path: a member name and, for an element of an array, its index.
     *
     * @param name the member, e.g. {@code teacher}
     * @param index the element, 0 when the part has none
     */
    record Part(String name, int index) {
        static Part of(String part) {
            int bracket = part.indexOf('[');
            return bracket < 0 ? new Part(part, 0)
                    : new Part(part.substring(0, bracket), Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
        }
    }

    private ElementPath() {
    }

    /**
     * The setting as the checks name it in this descriptor, or empty when its index is beyond the array. A setting
     * outside an array of objects is returned as it is.
     */
    static Optional<String> canonical(JsonObject descriptor, String setting) {
        Matcher matcher = ELEMENT.matcher(setting);
        if (!matcher.matches()) {
            return Optional.of(setting);
        }
        int count = count(descriptor.get(matcher.group(1)));
        if (count < 0) {
            return Optional.of(setting);
        }
        int index = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        if (index >= count) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) + (count == 1 ? "" : "[" + index + "]") + "." + matcher.group(3));
    }

    /** Why {@link #canonical} found nothing: how many elements the descriptor has, and how to name them. */
    static String outOfRange(JsonObject descriptor, String setting) {
        Matcher matcher = ELEMENT.matcher(setting);
        matcher.matches();
        String member = matcher.group(1);
        int count = count(descriptor.get(member));
        return "the descriptor has " + count + " " + member + (count == 1 ? "" : "s") + ", so " + member + "["
                + matcher.group(2) + "] names none; " + (count == 1 ? "write " + member + "." + matcher.group(3)
                        : "the indexes are 0 to " + (count - 1) + ", e.g. " + member + "[" + (count - 1) + "]."
                                + matcher.group(3));
    }

    /** The elements of an array of annotations (an object alone is one), or -1 for any other value. */
    private static int count(JsonElement value) {
        if (value instanceof JsonObject) {
            return 1;
        }
        if (value instanceof JsonArray array && !array.isEmpty() && array.get(0).isJsonObject()) {
            return array.size();
        }
        return -1;
    }
}
