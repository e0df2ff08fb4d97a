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

    /**
     * Reads every descriptor in {@code classesDirectory}, applies the {@code distill.*} properties and checks each
     * result.
     *
     * @param classesDirectory e.g. {@code target/classes}
     * @param baseDir the project base directory, which relative paths start from
     * @param properties the build's properties (project properties overlaid with user properties)
     * @param pluginProperties {@code distill.*} properties that are the caller's own parameters, not settings
     * @return one resolved spec per descriptor, sorted by name; empty when there is none
     * @throws DistillSpecException listing the problems of every descriptor and property that has any
     */
    public static List<ResolvedSpec> load(Path classesDirectory, Path baseDir, Map<String, String> properties,
            Set<String> pluginProperties) throws IOException {
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
                specs.add(overrides.resolve(descriptor, baseDir));
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
