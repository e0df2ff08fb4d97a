package dev.distill.engine.student;

import static dev.distill.engine.student.RandomNetworks.ROWS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.annotations.Architecture;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentGraphs;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exporter's float32 ONNX graph, run by ONNX Runtime on the exported weights, gives the DJL
 * network's logits within 1e-4, for a batch padded to its longest row.
 */
class StudentOnnxParityTest {

    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        TorchRuntime.start(1);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void onnxGraphMatchesTheDjlNetwork(Architecture architecture) throws OrtException {
        Student student = RandomNetworks.create(manager, architecture);
        float[][] djl = RandomNetworks.logits(manager, student, TokenIdBatch.of(ROWS).toNDList(manager));
        byte[] model = OnnxModels.toBytes(StudentGraphs.fp32(student.graph(), student.exportWeights(), Map.of()));
        OnnxRuntimeNatives.load();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = environment.createSession(model, options);
                    OnnxTensor ids = OnnxTensor.createTensor(environment, padded(true));
                    OnnxTensor mask = OnnxTensor.createTensor(environment, padded(false));
                    OrtSession.Result result = session.run(
                            Map.of(ClassifierGraph.INPUT_IDS, ids, ClassifierGraph.ATTENTION_MASK, mask))) {
                float[][] onnx = (float[][]) result.get(0).getValue();
                for (int b = 0; b < ROWS.length; b++) {
                    assertArrayEquals(djl[b], onnx[b], 1e-4f, architecture + " row " + b);
                }
            }
        }
    }

    /** Token ids (or the attention mask) of ROWS, padded with 0 to the longest row. */
    private static long[][] padded(boolean ids) {
        int longest = 0;
        for (int[] row : ROWS) {
            longest = Math.max(longest, row.length);
        }
        long[][] out = new long[ROWS.length][longest];
        for (int b = 0; b < ROWS.length; b++) {
            for (int t = 0; t < ROWS[b].length; t++) {
                out[b][t] = ids ? ROWS[b][t] : 1;
            }
        }
        return out;
    }
}
