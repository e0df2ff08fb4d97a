package dev.distill.onnx.student.mlp;

import static dev.distill.onnx.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.onnx.Ort;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedModel;
import dev.distill.onnx.student.RandomStudents;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The MLP student's graph, run by ONNX Runtime, against a plain-Java forward pass of its specification; the tabular
 * counterparts of StudentGraphsTest and DynamicInt8QuantizerTest, whose batches are token ids.
 */
class MlpGraphTest {

    private static final MlpGraph SHAPE = new MlpGraph(12, 4, 2, 24);

    @Test
    void logitsMatchTheSpecificationOnRawValues() {
        StudentWeights weights = weights(SHAPE, 1);
        float[][] rows = rows(40, SHAPE.features(), 2);
        try (Ort session = Ort.of(StudentGraphs.fp32(SHAPE, weights, Map.of()))) {
            assertClose(reference(SHAPE, weights, rows), session.runFeatures(rows, ClassifierGraph.LOGITS), 1e-4,
                    "MLP vs reference");
        }
    }

    @Test
    void graphDeclaresTheTabularInput() {
        ModelProto model = StudentGraphs.fp32(SHAPE, weights(SHAPE, 1), Map.of());
        assertEquals(InputKind.TABULAR.studentTensors().stream().map(t -> t.name()).toList(),
                model.getGraph().getInputList().stream().map(i -> i.getName()).toList());
    }

    @Test
    void aRowAloneGetsTheAnswerItGetsInABatch() {
        float[][] rows = rows(64, SHAPE.features(), 3);
        try (Ort session = Ort.of(StudentGraphs.fp32(SHAPE, weights(SHAPE, 4), Map.of()))) {
            float[][] together = session.runFeatures(rows, ClassifierGraph.LOGITS);
            for (int row = 0; row < rows.length; row++) {
                assertClose(together[row], session.runFeatures(new float[][] {rows[row]}, ClassifierGraph.LOGITS)[0],
                        1e-5, "row " + row + " alone");
            }
        }
    }

    @Test
    void int8UsesDynamicQuantizeMatMulAndAgreesWithFloat() {
        ModelProto fp32 = StudentGraphs.fp32(SHAPE, weights(SHAPE, 5), Map.of());
        QuantizedModel int8 = new DynamicInt8Quantizer().withMinDenseElements(0).quantize(fp32);
        Set<String> ops = int8.model().getGraph().getNodeList().stream().map(NodeProto::getOpType)
                .collect(Collectors.toSet());
        assertTrue(ops.contains("DynamicQuantizeMatMul") && !ops.contains("Gemm"), ops.toString());
        assertEquals(Set.of("fc1.w", "fc2.w", "out.w"), int8.report().entries().stream()
                .map(e -> e.tensor()).collect(Collectors.toSet()));
        float[][] rows = rows(300, SHAPE.features(), 6);
        try (Ort a = Ort.of(fp32); Ort b = Ort.of(int8.model())) {
            float[][] x = a.runFeatures(rows, ClassifierGraph.LOGITS);
            float[][] y = b.runFeatures(rows, ClassifierGraph.LOGITS);
            int agree = 0;
            for (int i = 0; i < rows.length; i++) {
                agree += argmax(x[i]) == argmax(y[i]) ? 1 : 0;
            }
            assertTrue(agree >= 0.97 * rows.length, agree + " of " + rows.length + " agree");
        }
    }

    /**
     * Rows as covertype's: a few measurements and many rare 0/1 columns, which the standardisation turns into values up
     * to 1/sqrt(p). A batch that holds one such row gets one wide input scale from DynamicQuantizeMatMul, and the
     * measurements lose their resolution; a float first layer keeps them.
     */
    @Test
    void aFloatFirstLayerKeepsAnswersThatOneInputScaleLoses() {
        int measurements = 10;
        MlpGraph shape = new MlpGraph(measurements + 40, 5, 2, 64);
        Random random = new Random(8);
        float[][] rows = new float[512][shape.features()];
        for (float[] row : rows) {
            for (int f = 0; f < measurements; f++) {
                row[f] = (float) random.nextGaussian();
            }
            row[measurements + random.nextInt(40)] = 1;
        }
        StudentWeights weights = RandomStudents.weights(shape, 9);
        float[] mean = new float[shape.features()];
        float[] scale = new float[shape.features()];
        Arrays.fill(scale, 0, measurements, 1f);
        for (int f = measurements; f < shape.features(); f++) {
            double p = 0.025 / Math.pow(4, (f - measurements) / 8.0); // from 1 row in 40 to 1 in 4,000
            mean[f] = (float) p;
            scale[f] = (float) (1 / Math.sqrt(p * (1 - p)));
        }
        weights.put(Tensor.of(MlpGraph.MEAN, mean, shape.features()));
        weights.put(Tensor.of(MlpGraph.SCALE, scale, shape.features()));
        // As a trained network's: each column moves the first layer about as much as a measurement does, so the wide
        // columns have small weights.
        float[] first = weights.get(MlpGraph.inputLayerWeight()).data();
        for (int u = 0; u < shape.width(); u++) {
            for (int f = measurements; f < shape.features(); f++) {
                first[u * shape.features() + f] /= scale[f];
            }
        }
        ModelProto fp32 = StudentGraphs.fp32(shape, weights, Map.of());
        DynamicInt8Quantizer everyInput = new DynamicInt8Quantizer().withMinDenseElements(0);
        QuantizedModel dynamic = everyInput.quantize(fp32);
        QuantizedModel firstFloat = everyInput.withFloatLayers(MlpGraph.inputLayerWeight()).quantize(fp32);

        assertEquals(Set.of("fc2.w", "out.w"), firstFloat.report().entries().stream()
                .map(e -> e.tensor()).collect(Collectors.toSet()));
        assertTrue(firstFloat.report().entries().stream().allMatch(e -> e.op().endsWith("DynamicQuantizeMatMul")),
                firstFloat.report().summary());
        // Smaller than float32, larger than every layer int8 by the first layer's float weights.
        assertTrue(dynamic.model().getSerializedSize() < firstFloat.model().getSerializedSize()
                && firstFloat.model().getSerializedSize() < fp32.getSerializedSize(), dynamic.model().getSerializedSize()
                + " < " + firstFloat.model().getSerializedSize() + " < " + fp32.getSerializedSize() + " bytes");
        try (Ort reference = Ort.of(fp32); Ort a = Ort.of(dynamic.model()); Ort b = Ort.of(firstFloat.model())) {
            float[][] x = reference.runFeatures(rows, ClassifierGraph.LOGITS);
            int agreeDynamic = agreement(x, a.runFeatures(rows, ClassifierGraph.LOGITS));
            int agreeFirstFloat = agreement(x, b.runFeatures(rows, ClassifierGraph.LOGITS));
            System.out.println("MLP int8 on one-hot rows: first layer float " + agreeFirstFloat + " of "
                    + rows.length + " agree with float32, every input rounded " + agreeDynamic);
            assertTrue(agreeFirstFloat >= 0.97 * rows.length, agreeFirstFloat + " of " + rows.length + " agree");
            assertTrue(agreeFirstFloat > agreeDynamic, "first layer float: " + agreeFirstFloat
                    + " of " + rows.length + " agree; every input rounded: " + agreeDynamic);
        }
    }

    private static int agreement(float[][] x, float[][] y) {
        int agree = 0;
        for (int i = 0; i < x.length; i++) {
            agree += argmax(x[i]) == argmax(y[i]) ? 1 : 0;
        }
        return agree;
    }

    @Test
    void sizesAreCheckedAndAnMlpHasNoVocabulary() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MlpGraph(12, 4, 0, 24)).getMessage()
                .contains("layers"));
        assertTrue(assertThrows(UnsupportedOperationException.class, SHAPE::sizes).getMessage()
                .contains("features = 12"));
    }

    /** Random weights, and a standardisation of raw values in the hundreds (as covertype's elevations are). */
    private static StudentWeights weights(MlpGraph shape, long seed) {
        StudentWeights weights = RandomStudents.weights(shape, seed);
        Random random = new Random(seed);
        float[] mean = new float[shape.features()];
        float[] scale = new float[shape.features()];
        for (int f = 0; f < mean.length; f++) {
            mean[f] = (float) (random.nextDouble() * 1000);
            scale[f] = (float) (1 / (1 + random.nextDouble() * 300));
        }
        weights.put(Tensor.of(MlpGraph.MEAN, mean, shape.features()));
        weights.put(Tensor.of(MlpGraph.SCALE, scale, shape.features()));
        return weights;
    }

    private static float[][] rows(int count, int features, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[count][features];
        for (float[] row : rows) {
            for (int f = 0; f < features; f++) {
                row[f] = (float) (random.nextDouble() * 2000);
            }
        }
        return rows;
    }

    /** The specification: standardise, ReLU layers, the output layer; in double. */
    private static float[][] reference(MlpGraph shape, StudentWeights weights, float[][] rows) {
        float[][] logits = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double[] h = new double[shape.features()];
            for (int f = 0; f < h.length; f++) {
                h[f] = (rows[r][f] - weights.get(MlpGraph.MEAN).data()[f]) * weights.get(MlpGraph.SCALE).data()[f];
            }
            for (int i = 1; i <= shape.layers(); i++) {
                h = dense(h, weights.get(MlpGraph.layer(i) + ".w"), weights.get(MlpGraph.layer(i) + ".b"), true);
            }
            double[] out = dense(h, weights.get("out.w"), weights.get("out.b"), false);
            logits[r] = new float[out.length];
            for (int c = 0; c < out.length; c++) {
                logits[r][c] = (float) out[c];
            }
        }
        return logits;
    }

    private static double[] dense(double[] x, Tensor w, Tensor b, boolean relu) {
        int units = (int) w.dim(0);
        double[] y = new double[units];
        for (int u = 0; u < units; u++) {
            double sum = b.data()[u];
            for (int i = 0; i < x.length; i++) {
                sum += w.data()[u * x.length + i] * x[i];
            }
            y[u] = relu ? Math.max(0, sum) : sum;
        }
        return y;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
