package dev.distill.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions fixed at build time (filtered from the parent POM's properties). */
final class PluginVersions {

    static final String SLF4J = load().getProperty("slf4j");

    private PluginVersions() {
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = PluginVersions.class.getResourceAsStream("versions.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("versions.properties is missing from the plugin jar", e));
        }
        return properties;
    }
}
