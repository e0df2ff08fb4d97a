package dev.distill.engine.student.bag;

import static dev.distill.engine.student.SpecMath.relu;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.student.SpecMath;
import dev.distill.engine.student.StudentArchitectureContract;
import dev.distill.onnx.student.StudentSizes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The bag of embeddings against the specification and the student contract. */
class BagOfEmbeddingsArchitectureTest extends StudentArchitectureContract<BagOfEmbeddingsGraph> {

    BagOfEmbeddingsArchitectureTest() {
        super(new BagOfEmbeddingsArchitecture(), BagOfEmbeddingsArchitectureTest::specForward);
    }

    /** out(relu(fc1(the mean of the real tokens' embeddings))). */
    private static double[] specForward(BagOfEmbeddingsGraph graph, SpecMath spec, int[] ids) {
        double[][] embedded = Arrays.stream(ids).mapToObj(spec::embedding).toArray(double[][]::new);
        return spec.linear(relu(spec.linear(SpecMath.mean(embedded), "fc1")), "out");
    }

    @Test
    void aHiddenSizeThatIsNotPositiveIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BagOfEmbeddingsGraph(new StudentSizes(23, 8, 3), 0));
        assertTrue(error.getMessage().startsWith("hiddenSize must be positive, was "), error.getMessage());
    }
}
