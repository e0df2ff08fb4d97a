package dev.distill.annotations.processing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Java source of one descriptor interface in package {@code app}: a valid {@code @Distill} by default (teacher
 * folder {@code teacher}, training data {@code data/train.tsv}), with settings replaced or added per test.
 */
final class DescriptorSource {

    private final String simpleName;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private DescriptorSource(String simpleName) {
        this.simpleName = simpleName;
        settings.put("name", "name = \"sentiment\"");
        settings.put("teacher", "teacher = @Teacher(model = \"teacher\")");
        settings.put("data", "data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\")");
    }

    static DescriptorSource of(String simpleName) {
        return new DescriptorSource(simpleName);
    }

    /** Replaces the setting {@code key} (e.g. {@code teacher}) or adds it, written as {@code text}. */
    DescriptorSource with(String key, String text) {
        settings.put(key, text);
        return this;
    }

    String simpleName() {
        return simpleName;
    }

    String text() {
        return "package app;\n"
                + "\n"
                + "import dev.distill.annotations.*;\n"
                + "\n"
                + "@Distill(\n"
                + "        " + String.join(",\n        ", settings.values()) + ")\n"
                + "public interface " + simpleName + " {\n"
                + "}\n";
    }

    /**
     * The 1-based line and column of {@code token} inside the first occurrence of {@code marker} in the source:
     * where javac should point.
     */
    long[] lineAndColumn(String marker, String token) {
        String text = text();
        int markerAt = text.indexOf(marker);
        if (markerAt < 0 || marker.indexOf(token) < 0) {
            throw new IllegalArgumentException(marker + " / " + token + " not in\n" + text);
        }
        int at = markerAt + marker.indexOf(token);
        long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        long column = at - text.lastIndexOf('\n', at - 1);
        return new long[] {line, column};
    }
}
