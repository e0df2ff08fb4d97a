package dev.distill.engine.export;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Architecture;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.train.TrainedStudent;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An export that computes something else than the trained network fails, naming the first diverging example. */
class ParityCheckTest {

    /** Dev examples before the one whose token is perturbed. */
    private static final int FIRST_CLEAN_EXAMPLES = 10;

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void aPerturbedWeightNamesTheFirstDivergingDevExample(Architecture architecture) {
        TrainedStudent trained = ExportFixture.student(architecture);
        TokenizedExamples dev = ExportFixture.dev();
        int[] target = firstExampleWithANewToken(dev, FIRST_CLEAN_EXAMPLES);
        int example = target[0];
        int token = target[1];
        ModelProto perturbed = new OnnxStudentExporter().export(trained.student().graph(),
                perturbEmbeddingRow(trained.exportWeights(), token, 0.5f), Map.of());
        IntFunction<String> describe = ExportFixture.describeDev();

        ParityCheck check = new ParityCheck();
        ExportCheckException e = assertThrows(ExportCheckException.class,
                () -> check.check(trained, perturbed, dev, describe));
        String message = e.getMessage();
        float[] network = trained.logits(dev.tokenIds())[example];
        assertTrue(message.contains("dev example " + example + " (" + describe.apply(example) + ")"), message);
        assertTrue(message.contains(Arrays.toString(network)), "the network's logits are missing: " + message);
        assertTrue(message.contains("tolerance 1.0E-4 (distill.parityTolerance)"), message);
        assertTrue(message.contains("bug in distill"), "no hint: " + message);
        assertTrue(message.matches("(?s).*; \\d+ of " + dev.size() + " dev examples differ.*"), message);
    }

    /** {example, token}: the first example at or after {@code from} holding a token no earlier example holds. */
    private static int[] firstExampleWithANewToken(TokenizedExamples dev, int from) {
        Set<Integer> earlier = new HashSet<>();
        for (int i = 0; i < dev.size(); i++) {
            for (int id : dev.tokenIds()[i]) {
                if (i >= from && !earlier.contains(id)) {
                    return new int[] {i, id};
                }
            }
            for (int id : dev.tokenIds()[i]) {
                earlier.add(id);
            }
        }
        throw new IllegalStateException("no dev example brings a new token");
    }

    private static StudentWeights perturbEmbeddingRow(StudentWeights weights, int row, float delta) {
        Tensor embedding = weights.get("embedding");
        float[] data = embedding.data().clone();
        int width = (int) embedding.dim(1);
        // Alternating signs: a LayerNorm (the transformer's first step) removes a shift of the whole row.
        for (int j = 0; j < width; j++) {
            data[row * width + j] += j % 2 == 0 ? delta : -delta;
        }
        StudentWeights copy = StudentWeights.of(weights.tensors().values());
        return copy.put(new Tensor("embedding", embedding.shape(), data));
    }
}
