package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.distill.nativelib.OnnxRuntimeNatives;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: ONNX Runtime sessions on one intra-op thread, fed with int64 [batch, sequence] inputs. */
public final class Ort implements AutoCloseable {

    private static final OrtEnvironment ENVIRONMENT = environment();

    private final OrtSession session;

    private Ort(OrtSession session) {
        this.session = session;
    }

    /** ONNX Runtime, its native libraries loaded from distill's cache (as in production: no temp-folder litter). */
    private static OrtEnvironment environment() {
        OnnxRuntimeNatives.load();
        return OrtEnvironment.getEnvironment();
    }

    /** A session over the serialized model, with graph optimizations on (as in production). */
    public static Ort of(ModelProto model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new Ort(ENVIRONMENT.createSession(OnnxModels.toBytes(model), options));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime rejected the model: " + e.getMessage(), e);
        }
    }

    /**
     * A session that runs the graph as written, without ONNX Runtime's graph optimizations: for checks of what a
     * graph's ops compute, where the optimizer would rewrite them (it turns a {@code DequantizeLinear} weight and
     * its {@code MatMul} into a MatMul that quantizes its input).
     */
    public static Ort unoptimized(ModelProto model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            return new Ort(ENVIRONMENT.createSession(OnnxModels.toBytes(model), options));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime rejected the model: " + e.getMessage(), e);
        }
    }

    /** Runs the model on the named int64 inputs and returns the named output as a Java array. */
    public Object run(Map<String, long[][]> inputs, String output) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, long[][]> input : inputs.entrySet()) {
                tensors.put(input.getKey(), OnnxTensor.createTensor(ENVIRONMENT, input.getValue()));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                return result.get(output).orElseThrow(() -> new IllegalStateException("no output " + output))
                        .getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** Runs a tabular classifier ({@code features} float [batch, features] -> a 2-D float output). */
    public float[][] runFeatures(float[][] features, String output) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENVIRONMENT, features);
                OrtSession.Result result = session.run(Map.of("features", tensor))) {
            return (float[][]) result.get(output).orElseThrow(() -> new IllegalStateException("no output " + output))
                    .getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** Runs a classifier-shaped model (input_ids, attention_mask -> a 2-D float output). */
    public float[][] run2d(long[][] ids, long[][] mask, String output) {
        Map<String, long[][]> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", ids);
        inputs.put("attention_mask", mask);
        return (float[][]) run(inputs, output);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
