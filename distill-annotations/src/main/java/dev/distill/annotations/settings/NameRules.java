package dev.distill.annotations.settings;

import static dev.distill.annotations.settings.Diagnostics.quote;

import java.util.Locale;
import java.util.regex.Pattern;

/** The rules for {@code @Distill(name = ...)}: the name becomes a folder and file name on every platform. */
final class NameRules {

    static final int MAX_LENGTH = 64;
    /** Model folders sit beside the descriptors folder under META-INF/distill, so this name would collide. */
    static final String RESERVED = "descriptors";
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private NameRules() {
    }

    /** Reports an empty or malformed name; returns whether the name is valid. */
    static boolean check(String name, Diagnostics diagnostics) {
        if (name.isEmpty()) {
            diagnostics.error("name", diagnostics.describe("name") + " is empty: it names the descriptor's folder"
                    + " and JSON file; use lower-case letters, digits, '.', '_' and '-', e.g. \"sentiment\"");
            return false;
        }
        if (!VALID.matcher(name).matches() || name.length() > MAX_LENGTH) {
            diagnostics.error("name", diagnostics.describe("name", quote(name)) + " is not a valid name: it must"
                    + " match " + VALID.pattern() + " and have at most " + MAX_LENGTH + " characters, because it is"
                    + " used as a folder name; e.g. " + quote(suggest(name)));
            return false;
        }
        if (RESERVED.equals(name)) {
            diagnostics.error("name", diagnostics.describe("name", quote(RESERVED)) + " is reserved: META-INF/distill/"
                    + RESERVED + "/ holds the descriptors themselves, next to the model folders; choose another name");
            return false;
        }
        return true;
    }

    /** A valid name close to {@code name}. */
    static String suggest(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        String trimmed = lower.replaceAll("^[^a-z0-9]+", "");
        if (trimmed.length() > MAX_LENGTH) {
            trimmed = trimmed.substring(0, MAX_LENGTH);
        }
        return trimmed.isEmpty() ? "model" : trimmed;
    }
}
