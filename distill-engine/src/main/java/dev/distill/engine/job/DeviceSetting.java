package dev.distill.engine.job;

import dev.distill.engine.train.TrainingDevice;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads the goal's {@code distill.device} where it enters, in the Maven JVM, so that a value that names no device
 * fails the build before any JVM is forked, with the setting, the value and the allowed values.
 */
public final class DeviceSetting {

    private DeviceSetting() {
    }

    /**
     * The device {@code value} names, in any case ({@code cpu} is {@link TrainingDevice#CPU}).
     *
     * @throws IllegalArgumentException naming {@code distill.device}, the value and AUTO, CPU, GPU
     */
    public static TrainingDevice parse(String value) {
        String given = value == null ? "" : value.trim();
        for (TrainingDevice device : TrainingDevice.values()) {
            if (device.name().equalsIgnoreCase(given)) {
                return device;
            }
        }
        throw new IllegalArgumentException(PluginProperties.DEVICE + " = " + value + " is not one of "
                + Arrays.stream(TrainingDevice.values()).map(Enum::name).collect(Collectors.joining(", "))
                + " (any case): it says where the student trains; AUTO takes a GPU when DJL's PyTorch engine"
                + " reports one, else the CPU");
    }
}
