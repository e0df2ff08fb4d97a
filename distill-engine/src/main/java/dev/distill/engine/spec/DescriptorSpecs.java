package dev.distill.engine.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole way from a classes directory and the build's properties to checked specs: what the plugin runs. */
public final class DescriptorSpecs {

    private DescriptorSpecs() {
    }

    /** As {@link #load(Path, Path, Map, Set, boolean)} with paths kept inside the project base directory. */
    public static List<ResolvedSpec> load(Path classesDirectory, Path baseDir, Map<String, String> properties,
            Set<String> pluginProperties) throws IOException {
        return load(classesDirectory, baseDir, properties, pluginProperties, false);
    }

    /**
     * Reads every descriptor in {@code classesDirectory}, applies the {@code distill.*} properties and checks each
     * result.
     *
     * @param classesDirectory e.g. {@code target/classes}
     * @param baseDir the project base directory, which relative paths start from
     * @param properties the build's properties (project properties overlaid with user properties)
     * @param pluginProperties {@code distill.*} properties that are the caller's own parameters, not settings
     * @param allowOutsidePaths whether a data or teacher path may be absolute or leave {@code baseDir}; when false,
     *     such a path is an error naming the setting, its value and how to allow it
     * @return one resolved spec per descriptor, sorted by name; empty when there is none
     * @throws DistillSpecException listing the problems of every descriptor and property that has any
     */
    public static List<ResolvedSpec> load(Path classesDirectory, Path baseDir, Map<String, String> properties,
            Set<String> pluginProperties, boolean allowOutsidePaths) throws IOException {
        List<Descriptor> descriptors = new ArrayList<>();
        for (Path file : DescriptorFiles.list(classesDirectory)) {
            descriptors.add(DescriptorFiles.read(file));
        }
        SettingOverrides overrides = SettingOverrides.parse(properties,
                descriptors.stream().map(Descriptor::name).toList(), pluginProperties);
        List<ResolvedSpec> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Descriptor descriptor : descriptors) {
            try {
                specs.add(overrides.resolve(descriptor, baseDir, allowOutsidePaths));
            } catch (DistillSpecException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new DistillSpecException("distill descriptors in " + classesDirectory, problems);
        }
        return specs;
    }
}
