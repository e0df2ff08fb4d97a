package dev.distill.engine.teacher;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.distill.contract.InputKind;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.WeightFolding;
import dev.distill.onnx.bert.BertLayerWeights;
import dev.distill.onnx.bert.BertWeights;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.FloatTensor;
import dev.distill.runtime.TensorBuffers;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LayerTeacher} on the teacher's ONNX graph: the tensors {@link dev.distill.onnx.bert.BertLayout} recorded
 * for the teacher layers the student was cut from (each layer's output, and the last one's attention probabilities)
 * are made graph outputs ({@link GraphOutputs#withOutput}), and one ONNX Runtime session, with its thread counts set,
 * runs the student's token rows through it. The model is held in memory, not written anywhere.
 *
 * <p>Not thread-safe: the trainer runs one batch at a time.
 */
public final class OnnxLayerTeacher implements LayerTeacher {

    private static final String LAYER_OUTPUT = "distill_layer_";
    private static final String ATTENTION_OUTPUT = "distill_attention_";

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final String location;
    private final int[] teacherLayers;
    private final Set<Signal> signals;
    private final TensorBuffers buffers = new TensorBuffers();
    private long nanos;

    private OnnxLayerTeacher(OrtEnvironment environment, OrtSession.SessionOptions options, OrtSession session,
            String location, int[] teacherLayers, Set<Signal> signals) {
        this.environment = environment;
        this.options = options;
        this.session = session;
        this.location = location;
        this.teacherLayers = teacherLayers;
        this.signals = Set.copyOf(signals);
    }

    /**
     * Opens the teacher's graph with the outputs the signals need.
     *
     * @param model the teacher's ONNX model, the one {@code weights} was read from
     * @param weights the teacher's layers as {@code BertLayout} read them, with their tensor names
     * @param teacherLayers the teacher layer each student layer was copied from, counted from 1
     * @param signals the signals to give, among {@link #SIGNALS}
     * @param threads ONNX Runtime intra-op threads (at least 1; one inter-op thread)
     * @throws IllegalArgumentException naming the model and what is missing: a teacher layer it lacks, a tensor its
     *     graph lacks, a signal that is not a layer signal
     * @throws IllegalStateException when ONNX Runtime cannot load the model
     */
    public static OnnxLayerTeacher open(Path model, BertWeights weights, int[] teacherLayers, Set<Signal> signals,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, was " + threads);
        }
        if (teacherLayers.length == 0) {
            throw new IllegalArgumentException("a layer teacher needs the teacher layers the student was cut from");
        }
        Set<Signal> unknown = new LinkedHashSet<>(signals);
        unknown.removeAll(SIGNALS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("a layer teacher gives " + SIGNALS + ", not " + unknown);
        }
        List<BertLayerWeights> layers = weights.layers();
        for (int layer : teacherLayers) {
            if (layer < 1 || layer > layers.size()) {
                throw new IllegalArgumentException(model + " has " + layers.size() + " layers, counted from 1, not"
                        + " layer " + layer);
            }
        }
        ModelProto exposed = OnnxModels.read(model);
        try {
            if (signals.contains(Signal.HIDDEN_STATES)) {
                for (int layer : teacherLayers) {
                    exposed = GraphOutputs.withOutput(exposed, layers.get(layer - 1).output(), LAYER_OUTPUT + layer);
                }
            }
            if (signals.contains(Signal.ATTENTIONS)) {
                int last = teacherLayers[teacherLayers.length - 1];
                exposed = GraphOutputs.withOutput(exposed, layers.get(last - 1).attentionProbabilities(),
                        ATTENTION_OUTPUT + last);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": cannot give the teacher's layer signals " + signals + ": "
                    + e.getMessage(), e);
        }
        OnnxRuntimeNatives.load();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            byte[] bytes = OnnxModels.toBytes(exposed);
            WeightFolding.applyTo(options, bytes); // as the runtime's sessions run it
            OrtSession session = environment.createSession(bytes, options);
            InputKind.TEXT.problemWith(session.getInputNames()).ifPresent(problem -> {
                throw new IllegalArgumentException(model + " " + problem);
            });
            return new OnnxLayerTeacher(environment, options, session, model.toString(), teacherLayers.clone(),
                    signals);
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("ONNX Runtime cannot load the teacher " + model + " with its layer"
                    + " outputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
    }

    @Override
    public Set<Signal> signals() {
        return signals;
    }

    @Override
    public Map<Signal, FloatTensor> outputs(int[][] tokenRows, Set<Signal> wanted) {
        Set<Signal> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(signals);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the teacher run beside the training gives " + signals + ", not "
                    + missing);
        }
        long start = System.nanoTime();
        Set<String> names = new LinkedHashSet<>();
        if (wanted.contains(Signal.HIDDEN_STATES)) {
            Arrays.stream(teacherLayers).forEach(layer -> names.add(LAYER_OUTPUT + layer));
        }
        if (wanted.contains(Signal.ATTENTIONS)) {
            names.add(ATTENTION_OUTPUT + teacherLayers[teacherLayers.length - 1]);
        }
        EncodedBatch batch = batch(tokenRows);
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        Map<Signal, FloatTensor> outputs = new LinkedHashMap<>();
        try {
            batch.addTensors(environment, session.getInputNames(), buffers, inputs);
            try (OrtSession.Result result = session.run(inputs, names)) {
                if (wanted.contains(Signal.HIDDEN_STATES)) {
                    outputs.put(Signal.HIDDEN_STATES, stacked(result, batch));
                }
                if (wanted.contains(Signal.ATTENTIONS)) {
                    String name = ATTENTION_OUTPUT + teacherLayers[teacherLayers.length - 1];
                    FloatTensor attention = read(result, name);
                    long length = batch.sequenceLength();
                    requireShape(name, attention, batch.size(), -1, length, length);
                    outputs.put(Signal.ATTENTIONS, attention);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on the teacher " + location + " for a batch of "
                    + batch.describe() + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
            nanos += System.nanoTime() - start;
        }
        return outputs;
    }

    /** The layers' outputs, each {@code [B, L, width]}, stacked along a new second dimension. */
    private FloatTensor stacked(OrtSession.Result result, EncodedBatch batch) throws OrtException {
        int rows = batch.size();
        long length = batch.sequenceLength();
        FloatTensor[] states = new FloatTensor[teacherLayers.length];
        for (int s = 0; s < states.length; s++) {
            String name = LAYER_OUTPUT + teacherLayers[s];
            states[s] = read(result, name);
            requireShape(name, states[s], rows, length, -1);
        }
        long width = states[0].shape()[2];
        int block = Math.toIntExact(length * width);
        float[] values = new float[rows * states.length * block];
        for (int b = 0; b < rows; b++) {
            for (int s = 0; s < states.length; s++) {
                System.arraycopy(states[s].values(), b * block, values, (b * states.length + s) * block, block);
            }
        }
        return new FloatTensor(new long[] {rows, states.length, length, width}, values);
    }

    private FloatTensor read(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow();
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException(location + ": the output '" + name + "' is not a tensor");
        }
        FloatBuffer data = tensor.getFloatBuffer();
        if (data == null) {
            throw new IllegalStateException(location + ": the output '" + name + "' is " + tensor.getInfo()
                    + ", not a float tensor");
        }
        float[] values = new float[data.remaining()];
        data.get(values);
        return new FloatTensor(tensor.getInfo().getShape(), values);
    }

    /** Checks a tensor's shape; -1 is any size (the width, the heads). */
    private void requireShape(String name, FloatTensor tensor, long... expected) {
        long[] shape = tensor.shape();
        boolean fits = shape.length == expected.length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = expected[i] < 0 || expected[i] == shape[i];
        }
        if (!fits) {
            throw new IllegalStateException(location + ": the teacher's tensor behind '" + name + "' has shape "
                    + Arrays.toString(shape) + ", expected " + Arrays.toString(expected).replace("-1", "any")
                    + " (batch, sequence, ...): BertLayout took another tensor for it than the layer's");
        }
    }

    /**
     * The student's rows as the teacher's inputs, padded as the student's batch is ({@link TokenIdBatch}: at the end,
     * to the longest row, with {@link TokenIdBatch#PAD_ID}), token type 0.
     */
    private static EncodedBatch batch(int[][] rows) {
        int length = Arrays.stream(rows).mapToInt(row -> row.length).max().orElse(0);
        long[][] ids = new long[rows.length][length];
        long[][] mask = new long[rows.length][length];
        long[][] types = new long[rows.length][length];
        int[] lengths = new int[rows.length];
        for (int b = 0; b < rows.length; b++) {
            Arrays.fill(ids[b], TokenIdBatch.PAD_ID);
            for (int t = 0; t < rows[b].length; t++) {
                ids[b][t] = rows[b][t];
                mask[b][t] = 1;
            }
            lengths[b] = rows[b].length;
        }
        return new EncodedBatch(ids, mask, types, lengths);
    }

    @Override
    public double seconds() {
        return nanos / 1e9;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing to recover: the session is being discarded.
        } finally {
            options.close();
        }
    }
}
