package dev.distill.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.train.TrainingDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's distill.device is read in the Maven JVM, before the engine's JVM is forked. */
class DeviceSettingTest {

    @Test
    void anUnknownDeviceNamesTheSettingTheValueAndTheAllowedValues() {
        String message = assertThrows(IllegalArgumentException.class, () -> DeviceSetting.parse("TPU")).getMessage();
        assertTrue(message.startsWith("distill.device = TPU is not one of AUTO, CPU, GPU (any case)"), message);
        assertThrows(IllegalArgumentException.class, () -> DeviceSetting.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DeviceSetting.parse(null));
    }

    @Test
    void readsTheDevicesInAnyCase() {
        assertEquals(TrainingDevice.CPU, DeviceSetting.parse("cpu"));
        assertEquals(TrainingDevice.GPU, DeviceSetting.parse(" Gpu "));
        assertEquals(TrainingDevice.AUTO, DeviceSetting.parse("AUTO"));
    }

    @Test
    void theJobFileCarriesTheDeviceAsItsName(@TempDir Path folder) throws Exception {
        EngineJob job = new EngineJob("p", "c", "w", "k", Map.of(), Map.of(), Map.of(), TrainingDevice.GPU, 2, false,
                Thresholds.DEFAULTS, false, "1.0");
        Path file = folder.resolve("job.json");
        job.write(file);
        assertTrue(Files.readString(file).contains("\"device\": \"GPU\""), Files.readString(file));
        assertEquals(TrainingDevice.GPU, EngineJob.read(file).device());
    }
}
