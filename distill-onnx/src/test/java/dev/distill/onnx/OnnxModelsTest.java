package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxModelsTest {

    @TempDir
    Path dir;

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        ModelProto first = model("first");
        ModelProto second = model("second");
        Path file = dir.resolve("nested").resolve("model.onnx");
        OnnxModels.write(first, file);
        OnnxModels.write(second, file);

        assertEquals(second, OnnxModels.read(file));
        assertArrayEquals(OnnxModels.toBytes(second), Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "only model.onnx is left");
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("absent.onnx");
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> OnnxModels.read(missing));
        assertTrue(error.getMessage().contains(missing.toString()) && error.getMessage().contains("not found"),
                error.getMessage());
    }

    @Test
    void fileThatIsNotAModelIsNamed() throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not protobuf \u0000\u00ff");
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> OnnxModels.read(text));
        assertTrue(error.getMessage().contains(text.toString()), error.getMessage());
    }

    private static ModelProto model(String name) {
        OnnxGraph graph = OnnxGraph.create(name).input("x", DataType.FLOAT, "batch");
        return graph.output(graph.node("Neg").inputs("x").output("y"), DataType.FLOAT, "batch").build();
    }
}
