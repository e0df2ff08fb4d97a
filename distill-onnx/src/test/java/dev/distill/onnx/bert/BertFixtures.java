package dev.distill.onnx.bert;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.onnx.OnnxModels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures: the real BERT-family models, and comparisons of hidden states. */
public final class BertFixtures {

    private BertFixtures() {
    }

    /** langchain4j's all-MiniLM-L6-v2 int8 encoder, from its jar on the test class path. */
    public static ModelProto miniLmInt8() {
        try (InputStream in = BertFixtures.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
            if (in == null) {
                throw new IllegalStateException("all-minilm-l6-v2-q.onnx is not on the test class path: is the"
                        + " langchain4j all-minilm-l6-v2-q jar a test dependency?");
            }
            return ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ../shared/teachers/<name>/model.onnx}; skips the test when ../shared is absent. */
    static ModelProto sharedTeacher(String name) {
        String property = System.getProperty("distill.shared.dir");
        Path shared = (property != null ? Path.of(property) : Path.of("..", "..", "shared"))
                .toAbsolutePath().normalize();
        Path model = shared.resolve("teachers").resolve(name).resolve("model.onnx");
        assumeTrue(Files.isRegularFile(model), "skipped: the shared teacher " + model + " is absent on this machine");
        return OnnxModels.read(model);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }
}
