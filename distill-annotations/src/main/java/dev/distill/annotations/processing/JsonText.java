package dev.distill.annotations.processing;

/** JSON literals, written by hand so that the annotations jar depends on nothing but the JDK. */
final class JsonText {

    private JsonText() {
    }

    /**
     * A JSON string literal. Quotes, backslashes, control characters and every non-ASCII character are escaped
     * ({@code \\uXXXX}, surrogate pairs as two escapes), so the text is plain ASCII whatever the reader's charset.
     */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * A JSON number for a double, as {@link Double#toString(double)} writes it (which reads back to the same double),
     * or {@code null} for NaN. Infinities never get here: they are rejected before anything is written.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "null";
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no infinity: " + value);
        }
        return Double.toString(value);
    }
}
