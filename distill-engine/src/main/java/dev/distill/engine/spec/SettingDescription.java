package dev.distill.engine.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.distill.annotations.settings.DescriptorChecks;
import dev.distill.annotations.settings.Diagnostics;
import dev.distill.annotations.settings.PathChecker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One descriptor setting as help lists it ({@code mvn distill:help}): its property, what its value looks like, its
 * default and, for a number, its allowed range. Nothing here is written twice: the settings, their types and
 * defaults are the annotation members ({@link SettingCatalog}); the ranges and purposes are the ones the shared
 * checks apply ({@link DescriptorChecks}), collected by running the checks over the defaults.
 *
 * @param property the property that overrides it, e.g. {@code distill.alpha}
 * @param type what a value looks like, e.g. {@code a number} or {@code one of KL, MSE}
 * @param defaultValue the default as a property would write it ({@code 0.7}, {@code 3,4,5}), {@code ""} for an empty
 *     text or list, {@code unset} for an unset number; empty for a setting that has to be given
 * @param range the allowed interval, e.g. {@code [0, 1]}; empty when the checks apply none
 * @param purpose what the setting does, as the range check says it; empty when the checks apply no range
 */
public record SettingDescription(String property, String type, Optional<String> defaultValue, Optional<String> range,
        Optional<String> purpose) {

    /** Every setting that a property may change, sorted by property. */
    public static List<SettingDescription> all() {
        Map<String, CheckedRange> ranges = ranges();
        return SettingCatalog.settings().entrySet().stream()
                .filter(setting -> !SettingCatalog.FIXED.contains(setting.getKey()))
                .map(setting -> {
                    Optional<CheckedRange> range = Optional.ofNullable(ranges.get(setting.getKey()));
                    return new SettingDescription(SettingOverrides.PREFIX + setting.getKey(),
                            setting.getValue().describe(),
                            SettingCatalog.defaultValue(setting.getKey()).map(SettingDescription::text),
                            range.map(CheckedRange::interval), range.map(CheckedRange::purpose));
                })
                .toList();
    }

    /** A default as a property would write it; an empty one as {@code ""}. */
    private static String text(Object value) {
        String text;
        if (value instanceof Double number && number.isNaN()) {
            text = "unset";
        } else if (value instanceof int[] integers) {
            text = Arrays.stream(integers).mapToObj(Integer::toString).collect(Collectors.joining(","));
        } else if (value instanceof String[] texts) {
            text = String.join(",", texts);
        } else if (value instanceof Enum<?> constant) {
            text = constant.name();
        } else {
            text = String.valueOf(value);
        }
        return text.isEmpty() ? "\"\"" : text;
    }

    /** A range the checks apply, with what the setting does. */
    private record CheckedRange(String interval, String purpose) {
    }

    /** The range of each setting that the checks apply one to, by dotted path. */
    private static Map<String, CheckedRange> ranges() {
        Map<String, CheckedRange> ranges = new TreeMap<>();
        Diagnostics collector = new Diagnostics() {
            @Override
            public void error(String setting, String message) {
            }

            @Override
            public void errorAt(String setting, int index, String message) {
            }

            @Override
            public void warning(String setting, String message) {
            }

            @Override
            public void range(String setting, String range, String purpose) {
                ranges.putIfAbsent(setting, new CheckedRange(range, purpose));
            }
        };
        JsonSettings defaults = new JsonSettings(probe(), Set.of(), "the defaults of @Distill");
        // Files are not looked at: the probe's paths are empty, which the checks report (to no one) and go past.
        DescriptorChecks.checkSettings(defaults, collector,
                new PathChecker(Path.of("").toAbsolutePath(), false, true, "", ""));
        return ranges;
    }

    /**
     * A descriptor of the defaults for the checks to run over. A setting without a default is empty, and an unset
     * number is 1 so that the range it would be checked against once set ({@code finalTemperature}) is checked too.
     */
    private static JsonObject probe() {
        JsonObject json = new JsonObject();
        SettingCatalog.settings().forEach((path, type) -> SettingOverrides.set(json, path,
                SettingCatalog.defaultValue(path).map(SettingDescription::json).orElse(new JsonPrimitive(""))));
        return json;
    }

    private static JsonElement json(Object value) {
        if (value instanceof Double number && number.isNaN()) {
            return new JsonPrimitive(1.0);
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof Boolean flag) {
            return new JsonPrimitive(flag);
        }
        if (value instanceof int[] integers) {
            JsonArray array = new JsonArray();
            Arrays.stream(integers).forEach(array::add);
            return array;
        }
        if (value instanceof String[] texts) {
            JsonArray array = new JsonArray();
            Arrays.stream(texts).forEach(array::add);
            return array;
        }
        if (value instanceof Enum<?> constant) {
            return new JsonPrimitive(constant.name());
        }
        return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value.toString());
    }
}
