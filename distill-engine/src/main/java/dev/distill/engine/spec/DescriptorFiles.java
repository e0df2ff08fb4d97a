package dev.distill.engine.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.distill.annotations.processing.DistillProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and reads the descriptor JSON files that the annotation processor writes into the class output, under
 * {@code META-INF/distill/descriptors/<name>.json}.
 */
public final class DescriptorFiles {

    /** The folder of the descriptors, relative to a classes directory or a jar's root. */
    public static final String FOLDER = DistillProcessor.DESCRIPTOR_FOLDER;

    /** The layout version this engine reads. */
    public static final int FORMAT = DistillProcessor.DESCRIPTOR_FORMAT;

    /** The distill versions whose annotation processor writes {@link #FORMAT}. */
    static final String FORMAT_WRITTEN_BY = "distill-annotations 0.1.x";

    private DescriptorFiles() {
    }

    /**
     * The descriptor files in a classes directory, sorted by file name.
     *
     * @param classesDirectory e.g. {@code target/classes}
     * @return the {@code .json} files in its descriptor folder; empty when the folder is missing or empty
     */
    public static List<Path> list(Path classesDirectory) throws IOException {
        Path folder = classesDirectory.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json") && Files.isRegularFile(file))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Reads one descriptor file. Only the layout is checked here (a JSON object, a known {@code format}, a
     * {@code name} that matches the file name); the settings are checked by {@link SettingOverrides#resolve}.
     *
     * @throws IOException when the file cannot be read
     * @throws DistillSpecException naming the file, when it is not a descriptor this engine can read
     */
    public static Descriptor read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw problem(file, "it is not valid JSON: " + e.getMessage());
        }
        if (!parsed.isJsonObject()) {
            throw problem(file, "it holds " + kindOf(parsed) + ", not a descriptor object");
        }
        JsonObject json = parsed.getAsJsonObject();
        checkFormat(file, json.get("format"));
        String name = stringKey(file, json, "name");
        stringKey(file, json, "descriptorClass");
        String expected = name + ".json";
        if (!file.getFileName().toString().equals(expected)) {
            throw problem(file, "its name is \"" + name + "\", so the file should be called " + expected
                    + ": the processor names each file after its descriptor; run mvn clean compile");
        }
        return new Descriptor(name, file, json);
    }

    private static void checkFormat(Path file, JsonElement format) {
        if (format == null || !format.isJsonPrimitive() || !format.getAsJsonPrimitive().isNumber()) {
            throw problem(file, "it has no numeric \"format\", so it was not written by the distill annotation"
                    + " processor");
        }
        if (format.getAsInt() != FORMAT || format.getAsDouble() != FORMAT) {
            throw problem(file, "its format is " + format + ", but this distill plugin reads format " + FORMAT
                    + " only, which " + FORMAT_WRITTEN_BY + " writes: use the same version for the"
                    + " distill-annotations dependency and the distill-maven-plugin, then run mvn clean compile");
        }
    }

    private static String stringKey(Path file, JsonObject json, String key) {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive() || !((JsonPrimitive) value).isString()) {
            throw problem(file, "\"" + key + "\" is " + (value == null ? "missing" : value) + ", but it must be a"
                    + " string");
        }
        return value.getAsString();
    }

    private static String kindOf(JsonElement element) {
        return element.isJsonArray() ? "an array" : element.isJsonNull() ? "null" : "a single value";
    }

    private static DistillSpecException problem(Path file, String message) {
        return new DistillSpecException("descriptor file " + file, List.of(message));
    }
}
