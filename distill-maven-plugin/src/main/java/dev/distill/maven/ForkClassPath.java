package dev.distill.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The class path of the JVM that trains: the plugin's own artifacts, which include the {@code <dependencies>} the
 * project's pom gives the plugin (how a build adds {@code dev.distill:distill-parquet}, the reader of
 * {@code data.softTargets}; the invoker project compress-soft-targets-bad-row checks it). Maven leaves out of a plugin's
 * artifacts what its core already exports (slf4j-api among them, see stack.md trap 2); the engine's
 * libraries need it, so it is resolved and added.
 */
final class ForkClassPath {

    static final String SLF4J_API = "org.slf4j:slf4j-api:" + PluginVersions.SLF4J;

    private ForkClassPath() {
    }

    static List<Path> of(Collection<Artifact> pluginArtifacts, MavenArtifacts resolver) throws MojoFailureException {
        List<Path> classPath = new ArrayList<>();
        boolean hasSlf4jApi = false;
        for (Artifact artifact : pluginArtifacts) {
            if (artifact.getFile() == null) {
                continue;
            }
            classPath.add(artifact.getFile().toPath());
            hasSlf4jApi |= "org.slf4j".equals(artifact.getGroupId()) && "slf4j-api".equals(artifact.getArtifactId());
        }
        if (!hasSlf4jApi) {
            classPath.add(resolver.resolve(SLF4J_API, "the engine's logging API"));
        }
        return classPath;
    }
}
