package dev.distill.engine.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.distill.annotations.settings.Settings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The settings of a descriptor JSON (with any overrides already applied), for the shared checks and for building a
 * {@link DistillSpec}. A value that is missing or does not have its setting's type throws a
 * {@link DistillSpecException} naming the file and the key: the processor never writes such a file, but a stale or
 * hand-written one can hold anything.
 *
 * <p>A setting counts as {@linkplain #isWritten written} when a property set it: the compiler has already warned
 * about what the annotation says, so the plugin only warns about what the overrides change.
 */
final class JsonSettings implements Settings {

    private final JsonObject json;
    private final String prefix;
    private final Set<String> overridden;
    private final String source;

    /**
     * @param json the descriptor object
     * @param overridden the dotted paths of the settings that a property set
     * @param source what the JSON came from, for messages, e.g. its file
     */
    JsonSettings(JsonObject json, Set<String> overridden, String source) {
        this(json, "", overridden, source);
    }

    private JsonSettings(JsonObject json, String prefix, Set<String> overridden, String source) {
        this.json = json;
        this.prefix = prefix;
        this.overridden = overridden;
        this.source = source;
    }

    @Override
    public String string(String name) {
        return primitive(name, "a string", JsonPrimitive::isString).getAsString();
    }

    @Override
    public double real(String name) {
        JsonElement value = json.get(name);
        // JSON has no NaN: the processor writes an unset double (finalTemperature, learningRate) as null.
        return value != null && value.isJsonNull() ? Double.NaN : number(name).doubleValue();
    }

    @Override
    public int integer(String name) {
        return exact(name, "an integer", BigDecimal::intValueExact);
    }

    @Override
    public long longInteger(String name) {
        return exact(name, "a 64-bit integer", BigDecimal::longValueExact);
    }

    @Override
    public boolean flag(String name) {
        return primitive(name, "true or false", JsonPrimitive::isBoolean).getAsBoolean();
    }

    @Override
    public String constant(String name) {
        String value = string(name);
        SettingType type = SettingCatalog.type(prefix + name);
        if (type != null && !type.isConstant(value)) {
            throw invalid(name, "one of " + type.constantNames(), json.get(name));
        }
        return value;
    }

    @Override
    public String[] strings(String name) {
        return array(name).asList().stream()
                .map(item -> item(name, item, "strings", JsonPrimitive::isString).getAsString())
                .toArray(String[]::new);
    }

    @Override
    public int[] integers(String name) {
        return array(name).asList().stream()
                .mapToInt(item -> {
                    try {
                        return item(name, item, "integers", JsonPrimitive::isNumber).getAsBigDecimal().intValueExact();
                    } catch (ArithmeticException e) {
                        throw invalid(name, "a list of integers", json.get(name));
                    }
                })
                .toArray();
    }

    @Override
    public JsonSettings nested(String name) {
        JsonElement value = json.get(name);
        if (value == null || !value.isJsonObject()) {
            throw invalid(name, "an object", value);
        }
        return new JsonSettings(value.getAsJsonObject(), prefix + name + ".", overridden, source);
    }

    /**
     * An array of objects; a single object (a descriptor with one teacher, as the processor writes it) is an array
     * of one. Elements of several are named {@code teacher[i].}, one alone {@code teacher.}.
     */
    @Override
    public List<Settings> nestedList(String name) {
        JsonElement value = json.get(name);
        if (value != null && value.isJsonObject()) {
            return List.of(nested(name));
        }
        JsonArray array = array(name);
        List<Settings> elements = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isJsonObject()) {
                throw invalid(name, "an object or a list of objects", value);
            }
            String element = array.size() == 1 ? name : name + "[" + i + "]";
            elements.add(new JsonSettings(array.get(i).getAsJsonObject(), prefix + element + ".", overridden, source));
        }
        return elements;
    }

    @Override
    public boolean isWritten(String name) {
        return overridden.contains(prefix + name);
    }

    private Number number(String name) {
        return primitive(name, "a number", JsonPrimitive::isNumber).getAsNumber();
    }

    private <T> T exact(String name, String expected, Function<BigDecimal, T> conversion) {
        try {
            return conversion.apply(primitive(name, expected, JsonPrimitive::isNumber).getAsBigDecimal());
        } catch (ArithmeticException e) {
            throw invalid(name, expected, json.get(name));
        }
    }

    private JsonArray array(String name) {
        JsonElement value = json.get(name);
        if (value == null || !value.isJsonArray()) {
            throw invalid(name, "a list", value);
        }
        return value.getAsJsonArray();
    }

    private JsonPrimitive item(String name, JsonElement item, String expected,
            Predicate<JsonPrimitive> test) {
        if (!item.isJsonPrimitive() || !test.test(item.getAsJsonPrimitive())) {
            throw invalid(name, "a list of " + expected, json.get(name));
        }
        return item.getAsJsonPrimitive();
    }

    private JsonPrimitive primitive(String name, String expected, Predicate<JsonPrimitive> test) {
        JsonElement value = json.get(name);
        if (value == null || !value.isJsonPrimitive() || !test.test(value.getAsJsonPrimitive())) {
            throw invalid(name, expected, value);
        }
        return value.getAsJsonPrimitive();
    }

    private DistillSpecException invalid(String name, String expected, JsonElement found) {
        String key = prefix + name;
        return new DistillSpecException(source, List.of(found == null
                ? "\"" + key + "\" is missing: it must be " + expected + "; recompile the descriptor (mvn clean"
                        + " compile) so that the processor writes every key"
                : "\"" + key + "\" is " + found + ", but it must be " + expected));
    }
}
