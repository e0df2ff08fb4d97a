package dev.distill.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves artifacts with Maven's own resolver, so that they come from the local repository when
 * they are there (offline builds work) and from the project's repositories otherwise.
 */
final class MavenArtifacts {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    MavenArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /**
     * @param coordinates {@code groupId:artifactId:version} or {@code groupId:artifactId:extension:classifier:version}
     * @param purpose     what the artifact is for, for the error message
     */
    Path resolve(String coordinates, String purpose) throws MojoFailureException {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("distill: " + purpose + " = \"" + coordinates + "\" is not a Maven artifact:"
                    + " use groupId:artifactId:version");
        }
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException("distill: " + purpose + ": cannot resolve \"" + coordinates + "\": "
                    + e.getMessage() + "\nFix: check the coordinates (for example with mvn dependency:get -Dartifact="
                    + coordinates + "), or run the build once online so that the artifact is in the local repository.");
        }
    }
}
