package dev.distill.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal checks its own settings before it resolves a teacher or forks the engine: the goal has no Maven session
 * or repository here, so getting past the check would fail differently.
 */
class CompressMojoSettingsTest {

    @Test
    void anUnknownDeviceFailsTheGoalNamingTheSettingAndTheDevices(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("target/classes/META-INF/distill/descriptors"));
        MavenProject maven = new MavenProject();
        maven.getBuild().setOutputDirectory(project.resolve("target/classes").toString());
        maven.setFile(project.resolve("pom.xml").toFile());
        CompressMojo mojo = new CompressMojo();
        set(mojo, "project", maven);
        set(mojo, "device", "TPU");
        set(mojo, "parityTolerance", 1e-4);
        set(mojo, "minInt8Agreement", 0.99);
        set(mojo, "maxInt8AccuracyDrop", 0.005);
        String message = assertThrows(MojoFailureException.class, mojo::execute).getMessage();
        assertTrue(message.startsWith("distill.device = TPU is not one of AUTO, CPU, GPU"), message);
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
