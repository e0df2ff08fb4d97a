package dev.distill.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of distill that is running, recorded in the models it writes. */
public final class DistillVersion {

    private static final String VERSION = load();

    private DistillVersion() {
    }

    /** The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = DistillVersion.class.getResourceAsStream("distill-onnx.properties")) {
            if (in == null) {
                throw new IllegalStateException("distill-onnx.properties is missing from the distill-onnx jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
