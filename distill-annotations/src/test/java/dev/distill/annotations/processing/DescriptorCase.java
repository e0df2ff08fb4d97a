package dev.distill.annotations.processing;

import java.util.List;

/**
 * One setting written into an otherwise valid descriptor, and the diagnostic it must draw.
 *
 * @param title the name of the row in the test report
 * @param key the setting replaced or added (see {@link DescriptorSource#with})
 * @param setting its source text
 * @param marker a unique piece of the source around the offending value
 * @param token where in {@code marker} javac must point
 * @param message pieces the message must contain
 */
record DescriptorCase(String title, String key, String setting, String marker, String token, List<String> message) {

    static DescriptorCase at(String title, String key, String setting, String marker, String token,
            String... message) {
        return new DescriptorCase(title, key, setting, marker, token, List.of(message));
    }

    /** The offending value is the whole setting's value. */
    static DescriptorCase value(String title, String key, String setting, String valueText, String... message) {
        return at(title, key, setting, setting, valueText, message);
    }

    /** The descriptor source with this setting, in a type of its own name. */
    DescriptorSource source(String simpleName) {
        return DescriptorSource.of(simpleName).with(key, setting);
    }

    @Override
    public String toString() {
        return title;
    }
}
