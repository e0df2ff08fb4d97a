package dev.distill.engine.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.onnx.OnnxModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Says where two student outputs differ: the JSON fields of config.json, the metadata and tensors of model.onnx. */
final class OutputDifference {

    private OutputDifference() {
    }

    /** config.json flattened to {@code a.b.c -> value}, in file order. */
    static Map<String, String> jsonFields(Path file) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)), fields);
        return fields;
    }

    /** The fields whose values differ (or that one file lacks), as {@code field: a | b}. */
    static List<String> jsonDifferences(Path a, Path b) throws IOException {
        return differences(jsonFields(a), jsonFields(b));
    }

    /**
     * Where two ONNX models differ: metadata entries, then the initializers, then anything else of the graph.
     */
    static List<String> onnxDifferences(Path a, Path b) throws IOException {
        ModelProto first = OnnxModels.read(a);
        ModelProto second = OnnxModels.read(b);
        List<String> found = new ArrayList<>(differences(metadata(first), metadata(second)));
        found.addAll(differences(initializers(first), initializers(second)));
        if (found.isEmpty() && !first.equals(second)) {
            found.add(first.getGraph().equals(second.getGraph()) ? "model fields outside the graph"
                    : "graph nodes or their order");
        }
        if (found.isEmpty() && !Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))) {
            found.add("the serialized bytes (equal protos)");
        }
        return found;
    }

    /** The first of the differences, for a failure message. */
    static String describe(List<String> differences) {
        return differences.isEmpty() ? "none found in the parsed contents"
                : differences.size() + " difference(s), the first: " + differences.get(0);
    }

    static Map<String, String> metadata(ModelProto model) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            entries.put("metadata " + entry.getKey(), entry.getValue());
        }
        return entries;
    }

    private static Map<String, String> initializers(ModelProto model) {
        Map<String, String> tensors = new LinkedHashMap<>();
        List<TensorProto> list = model.getGraph().getInitializerList();
        for (int i = 0; i < list.size(); i++) {
            TensorProto tensor = list.get(i);
            tensors.put("initializer " + tensor.getName(), "#" + i + " " + Integer.toHexString(tensor.hashCode()));
        }
        return tensors;
    }

    private static List<String> differences(Map<String, String> a, Map<String, String> b) {
        List<String> found = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                found.add(key + ": " + a.get(key) + " | " + b.get(key));
            }
        }
        return found;
    }

    private static void flatten(String prefix, JsonElement element, Map<String, String> into) {
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            object.keySet().forEach(key -> flatten(prefix.isEmpty() ? key : prefix + "." + key, object.get(key), into));
        } else {
            into.put(prefix, element.toString());
        }
    }
}
