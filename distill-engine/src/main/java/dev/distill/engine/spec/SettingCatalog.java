package dev.distill.engine.spec;

import dev.distill.annotations.Distill;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every setting of a descriptor by its dotted JSON path ({@code student.kernelSizes}), with its type and its default.
 * The annotation types are the schema: each member of {@code @Distill} and of its nested annotations is one setting,
 * so a setting added there is known here without a second list, and its default is the one its member declares.
 */
final class SettingCatalog {

    /** The settings that no property may change: the name is what qualified properties select by. */
    static final List<String> FIXED = List.of("name");

    private static final Map<Class<?>, SettingType.Kind> KINDS = Map.of(String.class, SettingType.Kind.STRING,
            int.class, SettingType.Kind.INT, long.class, SettingType.Kind.LONG,
            double.class, SettingType.Kind.DOUBLE, boolean.class, SettingType.Kind.BOOLEAN,
            String[].class, SettingType.Kind.STRINGS, int[].class, SettingType.Kind.INTS);

    private static final SortedMap<String, SettingType> SETTINGS = new TreeMap<>();

    /** The index of an element of an array of annotations, followed by one of its settings: {@code [1]} in {@code teacher[1].model}. */
    private static final Pattern ELEMENT_INDEX = Pattern.compile("\\[\\d+\\](?=\\.)");

    /** The annotation's default of each setting that has one ({@code name} and {@code data.train} have none). */
    private static final Map<String, Object> DEFAULTS = new TreeMap<>();

    static {
        collect(Distill.class, "");
    }

    private SettingCatalog() {
    }

    /** The settings by dotted path, sorted. */
    static SortedMap<String, SettingType> settings() {
        return Collections.unmodifiableSortedMap(SETTINGS);
    }

    /**
     * The default of a setting as its annotation member declares it ({@code Double}, {@code Integer}, an enum
     * constant, {@code int[]}, ...), or empty for a setting that has to be given.
     */
    static Optional<Object> defaultValue(String path) {
        return Optional.ofNullable(DEFAULTS.get(path));
    }

    /**
     * The type of a setting, or null when {@code path} is none (a group such as {@code teacher} is none). A setting
     * of one element of an array of annotations is named with its index, {@code teacher[1].model}, and has the type
     * of {@code teacher.model}.
     */
    static SettingType type(String path) {
        return SETTINGS.get(schemaPath(path));
    }

    /** {@code teacher[1].model} → {@code teacher.model}: the path of the member that declares the setting. */
    static String schemaPath(String path) {
        return ELEMENT_INDEX.matcher(path).replaceAll("");
    }

    /**
     * A nested annotation's settings take their members' defaults ({@code student() default @Student}); an array of
     * annotations ({@code teacher}) has its element type's settings.
     */
    @SuppressWarnings("unchecked")
    private static void collect(Class<? extends Annotation> type, String prefix) {
        for (Method member : type.getDeclaredMethods()) {
            Class<?> returned = member.getReturnType();
            String path = prefix + member.getName();
            if (returned.isAnnotation()) {
                collect((Class<? extends Annotation>) returned, path + ".");
            } else if (returned.isArray() && returned.getComponentType().isAnnotation()) {
                // Each element has the annotation's settings: teacher.model, written teacher[1].model for one.
                collect((Class<? extends Annotation>) returned.getComponentType(), path + ".");
            } else {
                SETTINGS.put(path, typeOf(returned, path));
                if (member.getDefaultValue() != null) {
                    DEFAULTS.put(path, member.getDefaultValue());
                }
            }
        }
    }

    private static SettingType typeOf(Class<?> returned, String path) {
        if (returned.isEnum()) {
            return new SettingType(SettingType.Kind.ENUM, Arrays.stream(returned.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name()).toList());
        }
        SettingType.Kind kind = KINDS.get(returned);
        if (kind == null) {
            throw new IllegalStateException("the descriptor setting " + path + " has the unsupported type " + returned);
        }
        return new SettingType(kind, List.of());
    }
}
