package dev.distill.engine.teacher;

import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.ModelLoadException;
import dev.distill.runtime.OnnxImageModel;
import dev.distill.runtime.RowBatches;
import dev.distill.runtime.image.ImagePreprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An image teacher: an ONNX image classifier in the HuggingFace layout, {@code model.onnx} with a {@code pixel_values}
 * float {@code [batch, channels, height, width]} input and a {@code logits} output, {@code config.json}
 * ({@code id2label}, {@code label2id}) and {@code preprocessor_config.json} (size, rescale, mean, std) beside it.
 * Its preprocessing is what the data are read with ({@code data.ImageData}) and what the student's folder ships, so
 * teacher and student see the same {@code pixel_values}.
 */
public final class OnnxImageTeacher extends OnnxRowTeacher {

    /** Images per ONNX Runtime call. */
    private static final int BATCH = 256;

    private final OnnxImageModel model;
    private final ModelConfig config;

    private OnnxImageTeacher(OnnxImageModel model, Path modelFile, ModelConfig config, String fingerprint) {
        super(modelFile, fingerprint);
        this.model = model;
        this.config = config;
    }

    /**
     * Opens an image teacher: {@code modelOrFolder} is its {@code model.onnx} or the folder holding it.
     *
     * @throws ModelLoadException naming the file that is missing, or the input or output that does not fit
     */
    public static OnnxImageTeacher open(Path modelOrFolder, int intraOpThreads) {
        Path modelFile = ModelFolder.modelFileOf(modelOrFolder);
        Path configFile = ModelFolder.configBeside(modelFile);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelLoadException("An image teacher needs a config.json beside " + modelFile + " with its"
                    + " labels in logit order, e.g. {\"id2label\": {\"0\": \"t-shirt\", ...}, \"label2id\": {...}}; "
                    + configFile + " does not exist");
        }
        ModelConfig config = ModelConfig.read(configFile);
        config.label2id();
        Path preprocessorFile = modelFile.resolveSibling(ModelFolder.PREPROCESSOR_CONFIG);
        ImagePreprocessing preprocessing = ImagePreprocessing.read(preprocessorFile);
        OnnxImageModel model = OnnxImageModel.load(modelFile, preprocessing, List.of(ClassifierGraph.LOGITS),
                intraOpThreads);
        try {
            if (model.declaredOutputWidth() > 0 && model.declaredOutputWidth() != config.labels().size()) {
                throw new ModelLoadException(modelFile + " outputs " + model.declaredOutputWidth()
                        + " logits per image but " + configFile + " names " + config.labels().size() + " labels "
                        + config.labels());
            }
            String fingerprint = new ContentHash().addFile(modelFile).addFile(preprocessorFile).hex();
            return new OnnxImageTeacher(model, modelFile, config, fingerprint);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** @return how an image becomes the teacher's {@code pixel_values} */
    public ImagePreprocessing preprocessing() {
        return model.preprocessing();
    }

    /** @return the class name to logit index ({@code label2id}) that data folders are mapped through */
    public Map<String, Integer> label2id() {
        return config.label2id();
    }

    @Override
    public List<String> labels() {
        return config.labels();
    }

    @Override
    public InputKind inputKind() {
        return InputKind.IMAGE;
    }

    /** The teacher's logits for preprocessed images ({@code pixel_values} rows), in batches. */
    @Override
    public float[][] logits(float[][] images) {
        return RowBatches.run(images, BATCH, model::forward);
    }

    @Override
    public void close() {
        model.close();
    }
}
