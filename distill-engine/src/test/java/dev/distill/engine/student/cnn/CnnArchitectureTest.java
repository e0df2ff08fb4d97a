package dev.distill.engine.student.cnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.student.SpecMath;
import dev.distill.engine.student.StudentArchitectureContract;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedAnswers;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CNN against the specification and the student contract, and its Conv's int8 form. */
class CnnArchitectureTest extends StudentArchitectureContract<CnnGraph> {

    CnnArchitectureTest() {
        super(new CnnArchitecture(), CnnArchitectureTest::specForward);
    }

    /**
     * Per kernel size k: max over the valid windows (at least one, which a text shorter than k reads with zeros
     * after it) of relu(conv); the sizes side by side, then out.
     */
    private static double[] specForward(CnnGraph graph, SpecMath spec, int[] ids) {
        int d = graph.sizes().embeddingSize();
        int h = graph.filters();
        double[][] x = new double[ids.length + graph.maxKernelSize() - 1][d];
        for (int t = 0; t < ids.length; t++) {
            x[t] = spec.embedding(ids[t]);
        }
        int[] kernels = graph.kernelSizes();
        double[] features = new double[h * kernels.length];
        for (int ki = 0; ki < kernels.length; ki++) {
            int k = kernels[ki];
            float[] w = spec.tensor("conv" + k + ".w").data();
            float[] b = spec.tensor("conv" + k + ".b").data();
            int windows = Math.max(ids.length - k + 1, 1);
            for (int f = 0; f < h; f++) {
                double best = 0;
                for (int t = 0; t < windows; t++) {
                    double sum = b[f];
                    for (int c = 0; c < d; c++) {
                        for (int j = 0; j < k; j++) {
                            sum += w[(f * d + c) * k + j] * x[t + j][c];
                        }
                    }
                    best = Math.max(best, sum);
                }
                features[ki * h + f] = best;
            }
        }
        return spec.linear(features, "out");
    }

    @Test
    void convWeightsInt8AreDequantizedIntoAFloatConv() {
        Set<String> ops = QuantizedAnswers.opTypes(new DynamicInt8Quantizer().withMinDenseElements(0)
                .withConvWeightsInt8(true).quantize(unevenFloatModel(23)).model());
        assertTrue(ops.contains("DequantizeLinear"), ops.toString());
    }
}
