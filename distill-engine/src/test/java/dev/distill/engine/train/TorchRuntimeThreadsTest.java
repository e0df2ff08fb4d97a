package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

/** The loaded libtorch takes a new intra-op thread count between operations, as {@link ThreadCliffGuard} needs. */
class TorchRuntimeThreadsTest {

    @Test
    void theThreadCountChangesAfterTheEngineHasLoaded() {
        TorchRuntime.start(2);
        try {
            assertEquals(2, JniUtils.getNumThreads());
            TorchRuntime.setThreads(1);
            assertEquals(1, JniUtils.getNumThreads());
            TorchRuntime.setThreads(2);
            assertEquals(2, JniUtils.getNumThreads());
        } finally {
            TorchRuntime.start(1); // what the other tests in this JVM train with
        }
    }
}
