package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link DescriptorProject} under {@code <temp>/project}, with {@code <temp>/outside} for files outside it, and
 * shortcuts from compiled descriptors and properties to resolved specs.
 */
abstract class SpecTestBase {

    @TempDir
    static Path temp;
    static DescriptorProject project;
    static Path outside;
    /** The classes of the shortest descriptor, {@code sentiment}. */
    static Path sentimentOnly;

    @BeforeAll
    static void createProject() throws IOException {
        project = DescriptorProject.create(temp.resolve("project"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.copy(project.root().resolve("data/dev.tsv"), outside.resolve("dev.tsv"));
        sentimentOnly = project.compile("Sentiment", DescriptorProject.shortest("sentiment"));
    }

    /** Every descriptor in {@code classes}, with {@code properties} applied. */
    static List<ResolvedSpec> resolve(Path classes, Map<String, String> properties) throws IOException {
        return DescriptorSpecs.load(classes, project.root(), properties, Set.of());
    }

    /** The one descriptor in {@code classes}, with {@code properties} applied. */
    static ResolvedSpec resolveOnly(Path classes, Map<String, String> properties) throws IOException {
        List<ResolvedSpec> specs = resolve(classes, properties);
        assertEquals(1, specs.size());
        return specs.get(0);
    }

    /** The problems reported for the one descriptor in {@code classes} with {@code properties} applied. */
    static List<String> problems(Path classes, Map<String, String> properties) throws IOException {
        List<Descriptor> descriptors = new ArrayList<>();
        for (Path file : DescriptorFiles.list(classes)) {
            descriptors.add(DescriptorFiles.read(file));
        }
        assertEquals(1, descriptors.size());
        SettingOverrides overrides = SettingOverrides.parse(properties, List.of(descriptors.get(0).name()));
        return assertThrows(DistillSpecException.class,
                () -> overrides.resolve(descriptors.get(0), project.root())).problems();
    }

    /** The problems that parsing {@code properties} for descriptors {@code names} reports. */
    static List<String> propertyProblems(Map<String, String> properties, String... names) {
        return assertThrows(DistillSpecException.class,
                () -> SettingOverrides.parse(properties, List.of(names))).problems();
    }
}
