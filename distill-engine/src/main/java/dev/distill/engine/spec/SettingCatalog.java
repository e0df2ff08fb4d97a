package dev.distill.engine.spec;

import dev.distill.annotations.Distill;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every setting of a descriptor by its dotted JSON path ({@code student.kernelSizes}), with its type. The annotation
 * types are the schema: each member of {@code @Distill} and of its nested annotations is one setting, so a setting
 * added there is known here without a second list.
 */
final class SettingCatalog {

    /** The settings that no property may change: the name is what qualified properties select by. */
    static final List<String> FIXED = List.of("name");

    private static final Map<Class<?>, SettingType.Kind> KINDS = Map.of(String.class, SettingType.Kind.STRING,
            int.class, SettingType.Kind.INT, long.class, SettingType.Kind.LONG,
            double.class, SettingType.Kind.DOUBLE, boolean.class, SettingType.Kind.BOOLEAN,
            String[].class, SettingType.Kind.STRINGS, int[].class, SettingType.Kind.INTS);

    private static final SortedMap<String, SettingType> SETTINGS = Collections.unmodifiableSortedMap(
            collect(Distill.class, "", new TreeMap<>()));

    private SettingCatalog() {
    }

    /** The settings by dotted path, sorted. */
    static SortedMap<String, SettingType> settings() {
        return SETTINGS;
    }

    /** The type of a setting, or null when {@code path} is none (a group such as {@code teacher} is none). */
    static SettingType type(String path) {
        return SETTINGS.get(path);
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, SettingType> collect(Class<? extends Annotation> type, String prefix,
            SortedMap<String, SettingType> into) {
        for (Method member : type.getDeclaredMethods()) {
            Class<?> returned = member.getReturnType();
            String path = prefix + member.getName();
            if (returned.isAnnotation()) {
                collect((Class<? extends Annotation>) returned, path + ".", into);
            } else {
                into.put(path, typeOf(returned, path));
            }
        }
        return into;
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
