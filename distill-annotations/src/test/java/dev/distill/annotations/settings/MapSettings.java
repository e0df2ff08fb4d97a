package dev.distill.annotations.settings;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings held in nested maps, as a source other than an annotation: each value is a String, Integer, Long,
 * Double, Boolean, String[], int[] or nested Map; an enum constant is its name.
 */
final class MapSettings implements Settings {

    private final Map<String, Object> values;
    private final Set<String> written;

    MapSettings(Map<String, Object> values, Set<String> written) {
        this.values = values;
        this.written = written;
    }

    @Override
    public String string(String name) {
        return (String) values.get(name);
    }

    @Override
    public double real(String name) {
        return ((Number) values.get(name)).doubleValue();
    }

    @Override
    public int integer(String name) {
        return (Integer) values.get(name);
    }

    @Override
    public long longInteger(String name) {
        return ((Number) values.get(name)).longValue();
    }

    @Override
    public boolean flag(String name) {
        return (Boolean) values.get(name);
    }

    @Override
    public String constant(String name) {
        return string(name);
    }

    @Override
    public String[] strings(String name) {
        return (String[]) values.get(name);
    }

    @Override
    public int[] integers(String name) {
        return (int[]) values.get(name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Settings nested(String name) {
        return new MapSettings((Map<String, Object>) values.get(name), written);
    }

    /** An array of annotations is a List of Maps, or one Map for an array of one. */
    @Override
    @SuppressWarnings("unchecked")
    public List<Settings> nestedList(String name) {
        Object value = values.get(name);
        List<Map<String, Object>> maps = value instanceof List<?> list ? (List<Map<String, Object>>) list
                : List.of((Map<String, Object>) value);
        return maps.stream().map(map -> (Settings) new MapSettings(map, written)).toList();
    }

    @Override
    public boolean isWritten(String name) {
        return written.contains(name);
    }
}
