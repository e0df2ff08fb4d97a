package dev.distill.engine.teacher;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.engine.signal.Signal;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.FloatTensor;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.ModelLoadException;
import dev.distill.runtime.OnnxImageModel;
import dev.distill.runtime.RowBatches;
import dev.distill.runtime.image.ImagePreprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image teacher: an ONNX image classifier in the HuggingFace layout, {@code model.onnx} with a {@code pixel_values}
 * float {@code [batch, channels, height, width]} input and a {@code logits} output, {@code config.json}
 * ({@code id2label}, {@code label2id}) and {@code preprocessor_config.json} (size, rescale, mean, std) beside it.
 * Its preprocessing is what the data are read with ({@code data.ImageData}) and what the student's folder ships, so
 * teacher and student see the same {@code pixel_values}.
 *
 * <p>Besides its logits it gives the feature map its head pools ({@link Signal#FEATURE_MAP}, for the feature-map
 * term), from a copy of its graph with that tensor made an output, opened the first time it is asked for.
 */
public final class OnnxImageTeacher extends OnnxRowTeacher {

    /** Images per ONNX Runtime call. */
    private static final int BATCH = 256;

    /** The name the pooled feature map gets as an output of the graph's copy. */
    private static final String FEATURE_OUTPUT = "distill_feature_map";

    private final OnnxImageModel model;
    private final ModelConfig config;
    private final int intraOpThreads;
    private OnnxImageModel featureModel;
    private Path featureModelFile;

    private OnnxImageTeacher(OnnxImageModel model, Path modelFile, ModelConfig config, String fingerprint,
            int intraOpThreads) {
        super(modelFile, fingerprint);
        this.model = model;
        this.config = config;
        this.intraOpThreads = intraOpThreads;
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
            return new OnnxImageTeacher(model, modelFile, config, fingerprint, intraOpThreads);
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

    /**
     * The teacher's logits and, when asked for, its feature maps of preprocessed images, in batches.
     *
     * @param signals {@link Signal#FEATURE_MAP} or none
     * @throws IllegalArgumentException for another signal, or when the graph has no pooled feature map to give
     */
    @Override
    public TeacherRows rows(float[][] images, Set<Signal> signals) {
        checkSignals(signals);
        if (!signals.contains(Signal.FEATURE_MAP)) {
            return TeacherRows.ofLogits(logits(images));
        }
        OnnxImageModel exposed = featureModel();
        float[][] logits = new float[images.length][];
        float[] features = null;
        long[] shape = null;
        for (int start = 0; start < images.length; start += BATCH) {
            float[][] batch = Arrays.copyOfRange(images, start, Math.min(images.length, start + BATCH));
            Map<String, FloatTensor> out = exposed.forward(batch, new LinkedHashSet<>(List.of(ClassifierGraph.LOGITS,
                    FEATURE_OUTPUT)));
            System.arraycopy(out.get(ClassifierGraph.LOGITS).toMatrix(), 0, logits, start, batch.length);
            FloatTensor map = out.get(FEATURE_OUTPUT);
            if (features == null) {
                shape = map.shape().clone();
                shape[0] = images.length;
                features = new float[Math.multiplyExact(images.length, map.values().length / batch.length)];
            }
            System.arraycopy(map.values(), 0, features, start * (map.values().length / batch.length),
                    map.values().length);
        }
        return new TeacherRows(logits, features == null ? Map.of()
                : Map.of(Signal.FEATURE_MAP, new FloatTensor(shape, features)));
    }

    /**
     * The shape of one image's feature map, {@code [channels, height, width]}, from one blank image.
     *
     * @throws IllegalArgumentException naming the model when its head reads no pooled feature map
     */
    public long[] featureMapShape() {
        float[][] blank = new float[1][preprocessing().channels() * preprocessing().height()
                * preprocessing().width()];
        long[] shape = featureModel().forward(blank, Set.of(FEATURE_OUTPUT)).get(FEATURE_OUTPUT).shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException(modelFile() + ": the tensor its head pools has shape "
                    + Arrays.toString(shape) + ", not [batch, channels, height, width]");
        }
        return Arrays.copyOfRange(shape, 1, 4);
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.LOGITS, Signal.FEATURE_MAP);
    }

    private synchronized OnnxImageModel featureModel() {
        if (featureModel == null) {
            Path file = null;
            try {
                ModelProto exposed = GraphOutputs.withPoolingInput(OnnxModels.read(modelFile()),
                        ClassifierGraph.LOGITS, FEATURE_OUTPUT);
                file = TemporaryModelFiles.write(exposed, "distill-teacher-features-");
                featureModel = OnnxImageModel.load(file, preprocessing(), List.of(ClassifierGraph.LOGITS),
                        intraOpThreads);
                featureModelFile = file;
            } catch (IllegalArgumentException e) {
                TemporaryModelFiles.deleteQuietly(file);
                throw new IllegalArgumentException(modelFile() + ": cannot give the teacher signal '"
                        + Signal.FEATURE_MAP + "': " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a temporary copy of " + modelFile() + ": " + e, e);
            } catch (RuntimeException e) {
                TemporaryModelFiles.deleteQuietly(file);
                throw e;
            }
        }
        return featureModel;
    }

    @Override
    public synchronized void close() {
        model.close();
        if (featureModel != null) {
            featureModel.close();
            TemporaryModelFiles.deleteQuietly(featureModelFile);
        }
    }
}
