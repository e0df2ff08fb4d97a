package dev.distill.annotations.settings;

/** Reports numeric settings outside their allowed range, naming the setting, the value, the range and its purpose. */
final class RangeCheck {

    private RangeCheck() {
    }

    /**
     * Reports {@code value} when it is outside {@code range} (NaN and infinities always are).
     *
     * @param why what the setting does, so the reader knows which value makes sense
     * @return whether the value is inside
     */
    static boolean require(Diagnostics diagnostics, String setting, double value, Range range, String why) {
        return require(diagnostics, setting, range.contains(value), Double.toString(value), range, why);
    }

    /**
     * As {@link #require(Diagnostics, String, double, Range, String)} for a {@code double} setting that may be left
     * unset (NaN, JSON {@code null}): an unset value passes, a set one must be inside.
     *
     * @return whether the value is set and inside
     */
    static boolean requireUnsetOr(Diagnostics diagnostics, String setting, double value, Range range, String why) {
        if (Double.isNaN(value)) {
            diagnostics.range(setting, range.toString(), why);
            return false;
        }
        return require(diagnostics, setting, value, range, why);
    }

    /** As {@link #require(Diagnostics, String, double, Range, String)}, for an integer setting. */
    static boolean require(Diagnostics diagnostics, String setting, long value, Range range, String why) {
        return require(diagnostics, setting, range.contains(value), Long.toString(value), range, why);
    }

    /**
     * As {@link #require(Diagnostics, String, long, Range, String)}, for element {@code index} of an integer array
     * setting, which is reported at its index. The range told is the setting's: the range of its elements.
     *
     * @param why what an element is, so the reader knows which value makes sense
     */
    static boolean requireElement(Diagnostics diagnostics, String setting, int index, long value, Range range,
            String why) {
        diagnostics.range(setting, range.toString(), why);
        boolean inside = range.contains(value);
        if (!inside) {
            diagnostics.errorAt(setting, index, diagnostics.describe(setting + "[" + index + "]", Long.toString(value))
                    + " is outside " + range + ": " + why);
        }
        return inside;
    }

    private static boolean require(Diagnostics diagnostics, String setting, boolean inside, String value, Range range,
            String why) {
        diagnostics.range(setting, range.toString(), why);
        if (!inside) {
            diagnostics.error(setting, diagnostics.describe(setting, value) + " is outside " + range + ": " + why);
        }
        return inside;
    }
}
