package dev.distill.engine.teacher;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.gson.JsonObject;
import dev.distill.annotations.Format;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.data.FeatureFileReader;
import dev.distill.runtime.data.FeatureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tabular teachers made in the test from real data: a softmax regression fitted ({@link SoftmaxRegression}) on the
 * committed covertype slice, written with distill-onnx's graph builder as an ONNX classifier of a {@code features}
 * input (raw values; the standardisation is in the graph) with its {@code config.json} ({@code id2label},
 * {@code feature_names}), giving either {@code logits} or, as an ONNX-ML tree ensemble does, {@code probabilities}.
 */
public final class TabularTeachers {

    /** The covertype labels in the shared GBDT teacher's id order. */
    public static final List<String> COVERTYPE_LABELS = List.of("spruce-fir", "lodgepole-pine", "ponderosa-pine",
            "cottonwood-willow", "aspen", "douglas-fir", "krummholz");

    private TabularTeachers() {
    }

    /** {@code testdata/covertype/train.csv}. */
    public static Path covertypeTrain() {
        return EngineFixtures.testdata().resolve("covertype/train.csv");
    }

    /** {@code testdata/covertype/dev.csv}. */
    public static Path covertypeDev() {
        return EngineFixtures.testdata().resolve("covertype/dev.csv");
    }

    /**
     * Fits the regression on the training slice and writes the teacher folder.
     *
     * @param folder where {@code model.onnx} and {@code config.json} go
     * @param output {@link ClassifierGraph#LOGITS} or {@link ClassifierGraph#PROBABILITIES} (a Softmax after the
     *     linear layer)
     * @return the folder
     */
    public static Path regression(Path folder, String output) throws IOException {
        FeatureTable train = new FeatureFileReader(List.of(), "label", false, "fix the slice")
                .read(covertypeTrain(), Format.AUTO);
        int features = train.features().size();
        float[] mean = new float[features];
        float[] scale = new float[features];
        for (float[] row : train.rows()) {
            for (int f = 0; f < features; f++) {
                mean[f] += row[f] / train.size();
            }
        }
        for (float[] row : train.rows()) {
            for (int f = 0; f < features; f++) {
                scale[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / train.size();
            }
        }
        for (int f = 0; f < features; f++) {
            scale[f] = scale[f] > 0 ? (float) (1 / Math.sqrt(scale[f])) : 1f;
        }
        float[][] standardized = new float[train.size()][features];
        int[] labels = new int[train.size()];
        for (int r = 0; r < train.size(); r++) {
            for (int f = 0; f < features; f++) {
                standardized[r][f] = (train.rows()[r][f] - mean[f]) * scale[f];
            }
            labels[r] = COVERTYPE_LABELS.indexOf(train.labels().get(r));
        }
        LinearHead head = SoftmaxRegression.fit(standardized, labels, COVERTYPE_LABELS.size(),
                new SoftmaxRegression.Options(200, 0.05f, 0.01f, 7));
        int classes = COVERTYPE_LABELS.size();
        float[] weight = new float[classes * features];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(head.weight()[c], 0, weight, c * features, features);
        }
        OnnxGraph graph = OnnxGraph.create("covertype_regression");
        graph.input(ClassifierGraph.FEATURES, DataType.FLOAT, InputKind.BATCH, (long) features);
        String centred = graph.node("Sub").inputs(ClassifierGraph.FEATURES, graph.floats("mean", mean, features))
                .output("centred");
        String x = graph.node("Mul").inputs(centred, graph.floats("scale", scale, features)).output("standardized");
        String scores = graph.node("Gemm").inputs(x, graph.floats("w", weight, classes, features),
                graph.floats("b", head.bias(), classes)).attrInt("transB", 1).output("scores");
        String result = output.equals(ClassifierGraph.PROBABILITIES)
                ? graph.node("Softmax").inputs(scores).attrInt("axis", 1).exactOutput(output)
                : graph.node("Identity").inputs(scores).exactOutput(output);
        graph.output(result, DataType.FLOAT, InputKind.BATCH, (long) classes);
        Files.createDirectories(folder);
        OnnxModels.write(graph.build(), folder.resolve(ModelFolder.MODEL));
        JsonObject section = new JsonObject();
        section.addProperty("model", "softmax regression fitted on testdata/covertype/train.csv");
        Files.writeString(folder.resolve(ModelFolder.CONFIG),
                ModelFolder.tabularConfigJson(COVERTYPE_LABELS, train.features(), "teacher", section));
        return folder;
    }
}
