package dev.distill.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Thread count and device choice for DJL's PyTorch engine. */
public final class TorchRuntime {

    static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private TorchRuntime() {}

    /**
     * Sets PyTorch's intra-op threads. Before the engine loads, this goes through the system
     * properties DJL reads at start (inter-op threads default to 1 there: on a few shared cores more
     * threads mostly fight each other); once loaded, through libtorch directly.
     *
     * @param threads intra-op threads, at least 1
     * @return the engine
     */
    public static Engine start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + "; expected at least 1");
        }
        System.setProperty(NUM_THREADS, Integer.toString(threads));
        if (System.getProperty(NUM_INTEROP_THREADS) == null) {
            System.setProperty(NUM_INTEROP_THREADS, "1");
        }
        Engine engine = Engine.getEngine("PyTorch");
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    /**
     * Changes PyTorch's intra-op threads of the loaded engine; libtorch takes a new count between operations.
     *
     * @param threads intra-op threads, at least 1
     */
    static void setThreads(int threads) {
        JniUtils.setNumThreads(threads);
    }

    /**
     * The device a training runs on.
     *
     * @param choice AUTO, CPU or GPU
     * @param engine the PyTorch engine
     * @return the device
     * @throws IllegalStateException when GPU is asked for and the engine sees none, with the fix
     */
    public static Device resolve(TrainingDevice choice, Engine engine) {
        int gpus = engine.getGpuCount();
        switch (choice) {
            case CPU:
                return Device.cpu();
            case AUTO:
                return gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU:
                if (gpus == 0) {
                    throw new IllegalStateException("training device GPU was requested, but DJL's PyTorch engine "
                            + "(libtorch " + engine.getVersion() + ") sees no GPU: the CPU build of libtorch is "
                            + "loaded or no CUDA device is visible. Fix: put a CUDA build of libtorch on the class "
                            + "path (ai.djl.pytorch:pytorch-native-cu124:2.5.1 with pytorch-jni 2.5.1-0.32.0 and "
                            + "DJL 0.32.0) or point PYTORCH_LIBRARY_PATH (with PYTORCH_VERSION and PYTORCH_FLAVOR) "
                            + "at a local CUDA libtorch; see docs/gpu.md. Or set the device to AUTO or CPU.");
                }
                return Device.gpu();
            default:
                throw new IllegalArgumentException("unknown device " + choice);
        }
    }
}
