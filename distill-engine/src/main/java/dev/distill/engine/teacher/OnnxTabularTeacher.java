package dev.distill.engine.teacher;

import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.OnnxTabularModel;
import dev.distill.runtime.RowBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A tabular teacher: any ONNX classifier of a {@code features} float {@code [batch, n]} input, such as a tree
 * ensemble exported with ONNX-ML, with its labels ({@code id2label}) and, when it has them, its
 * {@code feature_names} in the {@code config.json} beside the model. It gives {@code logits}; a model that outputs
 * {@code probabilities} instead (a {@code TreeEnsembleClassifier}) has them turned into logits as
 * {@code ln(max(p, PROBABILITY_FLOOR))}, whose softmax gives back p (renormalised after the floor), so that the KD
 * loss reads the teacher's distribution. A tree teacher has no weights a student could start from.
 */
public final class OnnxTabularTeacher extends OnnxRowTeacher {

    /**
     * The least probability a logit is taken of: a tree ensemble's 0 would be a logit of minus infinity, which
     * the soft-target loss cannot read; ln(1e-6) = -13.8 is as good as impossible at any temperature distill uses.
     */
    public static final float PROBABILITY_FLOOR = 1e-6f;

    /** Rows per ONNX Runtime call. */
    private static final int BATCH = 512;

    private final OnnxTabularModel model;
    private final List<String> labels;
    private final Optional<List<String>> featureNames;

    private OnnxTabularTeacher(OnnxTabularModel model, Path modelFile, List<String> labels,
            Optional<List<String>> featureNames, String fingerprint) {
        super(modelFile, fingerprint);
        this.model = model;
        this.labels = labels;
        this.featureNames = featureNames;
    }

    /**
     * Opens a tabular teacher: {@code modelOrFolder} is its {@code model.onnx} or the folder holding it, with
     * {@code config.json} beside it.
     *
     * @throws dev.distill.runtime.ModelLoadException naming the file that is missing, the input that is not
     *     {@code features}, or the output that is neither {@code logits} nor {@code probabilities}
     */
    public static OnnxTabularTeacher open(Path modelOrFolder, int intraOpThreads) {
        Path modelFile = ModelFolder.modelFileOf(modelOrFolder);
        Path configFile = ModelFolder.configBeside(modelFile);
        if (!Files.isRegularFile(configFile)) {
            throw new dev.distill.runtime.ModelLoadException("A tabular teacher needs a config.json beside "
                    + modelFile + " with its labels in logit order, e.g. {\"id2label\": {\"0\": \"spruce-fir\", ...},"
                    + " \"feature_names\": [\"Elevation\", ...]}; " + configFile + " does not exist");
        }
        ModelConfig config = ModelConfig.read(configFile);
        OnnxTabularModel model = OnnxTabularModel.load(modelFile,
                List.of(ClassifierGraph.LOGITS, ClassifierGraph.PROBABILITIES), intraOpThreads);
        try {
            if (model.declaredOutputWidth().isPresent() && model.declaredOutputWidth().getAsInt()
                    != config.labels().size()) {
                throw new dev.distill.runtime.ModelLoadException(modelFile + " outputs "
                        + model.declaredOutputWidth().getAsInt() + " " + model.outputName() + " per row but "
                        + configFile + " names " + config.labels().size() + " labels " + config.labels());
            }
            String fingerprint = new ContentHash().addFile(modelFile).add(model.outputName()).hex();
            return new OnnxTabularTeacher(model, modelFile, config.labels(), config.featureNames(), fingerprint);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Checks the data's feature columns against the teacher's {@code feature_names} (when it has them) and its
     * declared input width: by name and order, as the model reads a row by position.
     *
     * @throws IllegalArgumentException naming the first column that differs and both lists
     */
    public void checkFeatures(List<String> columns) {
        if (featureNames.isPresent() && !featureNames.get().equals(columns)) {
            List<String> expected = featureNames.get();
            int i = 0;
            while (i < Math.min(expected.size(), columns.size()) && expected.get(i).equals(columns.get(i))) {
                i++;
            }
            String where = i < Math.min(expected.size(), columns.size())
                    ? "column " + (i + 1) + " is '" + columns.get(i) + "' in the data but '" + expected.get(i)
                            + "' for the teacher"
                    : "the data has " + columns.size() + " feature columns, the teacher " + expected.size();
            throw new IllegalArgumentException("the data's feature columns do not match the teacher's feature_names"
                    + " in " + ModelFolder.configBeside(modelFile()) + ": " + where + ". The teacher reads a row by"
                    + " position, so list the teacher's features in its order in data.features (or leave it empty"
                    + " with the file's columns in that order). Teacher: " + expected + "; data: " + columns);
        }
        if (model.declaredFeatures().isPresent() && model.declaredFeatures().getAsInt() != columns.size()) {
            throw new IllegalArgumentException(modelFile() + " reads " + model.declaredFeatures().getAsInt()
                    + " features per row but the data has " + columns.size() + " feature columns " + columns
                    + "; set data.features to the teacher's features in its order");
        }
    }

    /** @return which output the teacher's scores come from: {@code logits} or {@code probabilities} */
    public String outputName() {
        return model.outputName();
    }

    /** @return the teacher's {@code feature_names}, if its config.json has them */
    public Optional<List<String>> featureNames() {
        return featureNames;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public InputKind inputKind() {
        return InputKind.TABULAR;
    }

    /** The teacher's logits for rows of raw feature values, in batches (probabilities turned into logits). */
    @Override
    public float[][] logits(float[][] rows) {
        float[][] out = RowBatches.run(rows, BATCH, model::forward);
        if (model.outputName().equals(ClassifierGraph.PROBABILITIES)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = logOf(out[i]);
            }
        }
        return out;
    }

    /** {@code ln(max(p, PROBABILITY_FLOOR))} per class: logits whose softmax is p (after the floor). */
    public static float[] logOf(float[] probabilities) {
        float[] logits = new float[probabilities.length];
        for (int c = 0; c < logits.length; c++) {
            float p = probabilities[c];
            logits[c] = (float) Math.log(Float.isNaN(p) ? PROBABILITY_FLOOR : Math.max(p, PROBABILITY_FLOOR));
        }
        return logits;
    }

    @Override
    public void close() {
        model.close();
    }
}
