package dev.distill.engine.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.distill.annotations.settings.DescriptorChecks;
import dev.distill.annotations.settings.PathChecker;
import dev.distill.engine.job.PluginProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Settings given as Maven properties when the plugin runs, applied over the descriptor JSON and checked with the
 * very rules of the annotation processor.
 *
 * <p>Every setting of the descriptor JSON has the property {@code distill.<json path>}, e.g.
 * {@code distill.epochs}, {@code distill.student.hiddenSize}, {@code distill.data.train}. It applies to every
 * descriptor; {@code distill.<name>.<json path>} applies to the descriptor of that name only and wins over the
 * unqualified one. Values:
 * <ul>
 * <li>numbers as Java writes them ({@code 10}, {@code 0.5}, {@code 5e-4}); {@code null}, {@code NaN} or nothing
 *     unset a {@code double}, which only {@code finalTemperature} (a constant temperature),
 *     {@code learningRate} (the student architecture's default) and {@code hiddenWeight} (automatic) allow;</li>
 * <li>booleans as {@code true} or {@code false}, enum constants in any case ({@code cnn});</li>
 * <li>lists separated by commas ({@code distill.data.labels=neg,pos}, {@code distill.student.kernelSizes=3,4,5});
 *     an empty value is an empty list;</li>
 * <li>paths relative to the project base directory. As in the annotation, an absolute path or one that leaves the
 *     base directory is refused unless {@code allowOutsidePaths} is set (the goal's parameter
 *     {@code distill.allowOutsidePaths}), so that a build does not silently depend on files of one machine.</li>
 * </ul>
 * A descriptor with several teachers names each one's settings with its index from 0,
 * {@code distill.teacher[1].model}; {@code distill.teacher.model} is the first teacher's ({@code teacher[0]}), and
 * an index beyond the descriptor's teachers is an error naming how many it has.
 * A model given as {@code distill.teacher.model}, a {@code .onnx} file or a folder in the HuggingFace layout, brings
 * its own {@code tokenizer.json} and {@code config.json} (in its folder): the descriptor's {@code teacher.tokenizer}
 * is dropped unless {@code distill.teacher.tokenizer} is given too (likewise for each {@code teacher[i]}). With {@code teacher.artifact} set in the
 * descriptor, the model is an entry of that jar; add {@code -Ddistill.teacher.artifact=} (empty) to use a project
 * file instead.
 *
 * <p>When a property path is both a setting and a descriptor name followed by a setting (a descriptor named
 * {@code student}, say), it is the setting, for all descriptors.
 * {@code distill.name} cannot be overridden. Properties that start with {@code distill.} but are the plugin's own
 * parameters ({@link PluginProperties#ALL}, plus any the caller names) are not settings and are ignored; any other
 * property that names no setting is an error, with the closest setting names as hints.
 */
public final class SettingOverrides {

    /** The prefix of every setting property. */
    public static final String PREFIX = "distill.";

    private static final String TEACHER_MODEL = "teacher.model";

    private static final String OUTSIDE_PATH_ADVICE = "allow it explicitly with the distill-maven-plugin parameter"
            + " <allowOutsidePaths>true</allowOutsidePaths> or -D" + PluginProperties.ALLOW_OUTSIDE_PATHS + "=true";

    private static final String MISSING_FILE_ADVICE = "fix the path; a property such as -Ddistill.data.train=<path>"
            + " takes a path relative to the project base directory";

    /** One property that sets one setting, for all descriptors ({@code descriptor} null) or for one. */
    private record PropertyOverride(String property, String value, String descriptor, String setting,
            JsonElement json) {
    }

    /** A descriptor's JSON with the overrides that apply to it, by setting. */
    private record Applied(JsonObject json, Map<String, PropertyOverride> bySetting) {
    }

    private final List<PropertyOverride> overrides;

    private SettingOverrides(List<PropertyOverride> overrides) {
        this.overrides = overrides;
    }

    /** As {@link #parse(Map, Collection, Set)} with no plugin properties beyond {@link PluginProperties#ALL}. */
    public static SettingOverrides parse(Map<String, String> properties, Collection<String> descriptorNames) {
        return parse(properties, descriptorNames, Set.of());
    }

    /**
     * Reads the setting properties among {@code properties} and converts their values.
     *
     * @param properties e.g. Maven's project properties overlaid with its user properties; keys that do not start
     *     with {@code distill.} are ignored
     * @param descriptorNames the names of all descriptors of the project, which qualified properties may name
     * @param pluginProperties more {@code distill.*} properties to ignore, e.g. the Mojo's parameters
     * @throws DistillSpecException listing every property that names no setting, names no descriptor, tries to set
     *     {@code name}, or has a value of the wrong type
     */
    public static SettingOverrides parse(Map<String, String> properties, Collection<String> descriptorNames,
            Set<String> pluginProperties) {
        List<String> names = descriptorNames.stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        List<String> problems = new ArrayList<>();
        List<PropertyOverride> overrides = new ArrayList<>();
        for (Map.Entry<String, String> property : new TreeMap<>(properties).entrySet()) {
            String key = property.getKey();
            if (key.startsWith(PREFIX) && !PluginProperties.ALL.contains(key) && !pluginProperties.contains(key)) {
                parseOne(key, Objects.toString(property.getValue(), ""), names, problems).ifPresent(overrides::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new DistillSpecException("distill properties", problems);
        }
        return new SettingOverrides(List.copyOf(overrides));
    }

    /**
     * The properties that apply to descriptor {@code name}, by property name with the value as given, sorted:
     * qualified ones, and unqualified ones for settings that no qualified one sets.
     */
    public Map<String, String> forDescriptor(String name) {
        return chosen(name).values().stream().collect(Collectors.toMap(PropertyOverride::property,
                PropertyOverride::value, (a, b) -> a, TreeMap::new));
    }

    /** A copy of the descriptor's JSON with the overrides that apply to it, converted to their JSON types. */
    public JsonObject apply(Descriptor descriptor) {
        return applied(descriptor).json();
    }

    /** As {@link #resolve(Descriptor, Path, boolean)} with paths kept inside the project base directory. */
    public ResolvedSpec resolve(Descriptor descriptor, Path baseDir) {
        return resolve(descriptor, baseDir, false);
    }

    /**
     * Applies the overrides to a descriptor and checks the result with the annotation processor's rules; files are
     * checked against {@code baseDir}, where they must exist now.
     *
     * @param baseDir the project base directory, which relative paths start from
     * @param allowOutsidePaths whether a data or teacher path may be absolute or leave {@code baseDir}
     * @throws DistillSpecException naming the descriptor and its file, listing every error; an error about an
     *     overridden setting names the property that set it
     */
    public ResolvedSpec resolve(Descriptor descriptor, Path baseDir, boolean allowOutsidePaths) {
        Applied applied = applied(descriptor);
        Map<String, String> propertyBySetting = new TreeMap<>();
        applied.bySetting().forEach((setting, override) -> propertyBySetting.put(setting, override.property()));
        JsonSettings settings = new JsonSettings(applied.json(), propertyBySetting.keySet(),
                "descriptor file " + descriptor.file());
        OverrideDiagnostics diagnostics = new OverrideDiagnostics(propertyBySetting);
        Path base = baseDir.toAbsolutePath().normalize();
        DescriptorChecks.check(settings, diagnostics, new PathChecker(base, true, allowOutsidePaths,
                OUTSIDE_PATH_ADVICE, MISSING_FILE_ADVICE));
        if (!diagnostics.errors().isEmpty()) {
            throw new DistillSpecException("descriptor " + descriptor.name() + " (" + descriptor.file() + ")",
                    diagnostics.errors());
        }
        DistillSpec spec = SpecReader.read(settings, settings.string("descriptorClass"), base);
        return new ResolvedSpec(spec, diagnostics.warnings(), forDescriptor(descriptor.name()));
    }

    private Applied applied(Descriptor descriptor) {
        Map<String, PropertyOverride> bySetting = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (PropertyOverride override : chosen(descriptor.name()).values()) {
            ElementPath.canonical(descriptor.json(), override.setting()).ifPresentOrElse(
                    setting -> bySetting.put(setting, override),
                    () -> problems.add("-D" + override.property() + "=" + override.value() + ": "
                            + ElementPath.outOfRange(descriptor.json(), override.setting())));
        }
        if (!problems.isEmpty()) {
            throw new DistillSpecException("descriptor " + descriptor.name() + " (" + descriptor.file() + ")",
                    problems);
        }
        JsonObject json = descriptor.json().deepCopy();
        bySetting.forEach((setting, override) -> set(json, setting, override.json()));
        for (String setting : List.copyOf(bySetting.keySet())) {
            if (SettingCatalog.schemaPath(setting).equals(TEACHER_MODEL)) {
                String tokenizer = setting.substring(0, setting.length() - "model".length()) + "tokenizer";
                if (!bySetting.containsKey(tokenizer)) {
                    // The descriptor's tokenizer belongs to the descriptor's model, not to the one that replaces it.
                    set(json, tokenizer, new JsonPrimitive(""));
                }
            }
        }
        return new Applied(json, bySetting);
    }

    /** The override of each setting for descriptor {@code name}: a qualified one wins over an unqualified one. */
    private Map<String, PropertyOverride> chosen(String name) {
        Map<String, PropertyOverride> bySetting = new LinkedHashMap<>();
        overrides.stream().filter(o -> o.descriptor() == null).forEach(o -> bySetting.put(o.setting(), o));
        overrides.stream().filter(o -> name.equals(o.descriptor())).forEach(o -> bySetting.put(o.setting(), o));
        return bySetting;
    }

    /**
     * Sets the value at a dotted path, making the objects on the way; {@code teacher[1].model} steps into element 1
     * of the array {@code teacher}, and a path without an index into its only element.
     */
    static void set(JsonObject root, String setting, JsonElement value) {
        String[] parts = setting.split("\\.");
        JsonObject object = root;
        for (int i = 0; i < parts.length - 1; i++) {
            ElementPath.Part part = ElementPath.Part.of(parts[i]);
            JsonElement next = object.get(part.name());
            if (next instanceof JsonArray array) {
                object = array.get(part.index()).getAsJsonObject();
                continue;
            }
            if (!(next instanceof JsonObject)) {
                object.add(part.name(), new JsonObject());
            }
            object = object.getAsJsonObject(part.name());
        }
        object.add(parts[parts.length - 1], value);
    }

    private static Optional<PropertyOverride> parseOne(String property, String value, List<String> names,
            List<String> problems) {
        String path = property.substring(PREFIX.length());
        String descriptor = null;
        String setting = path;
        if (SettingCatalog.type(path) == null) {
            descriptor = names.stream().filter(name -> path.startsWith(name + ".")).findFirst().orElse(null);
            if (descriptor != null) {
                setting = path.substring(descriptor.length() + 1);
            }
        }
        String given = "-D" + property + "=" + value + ": ";
        SettingType type = SettingCatalog.type(setting);
        if (type == null) {
            problems.add(given + unknown(path, descriptor, setting, names));
            return Optional.empty();
        }
        if (SettingCatalog.FIXED.contains(setting)) {
            problems.add(given + setting + " cannot be overridden: it identifies the descriptor (its JSON file and"
                    + " its model folder); to change the settings of one descriptor, use -D" + PREFIX
                    + "<name>.<setting>");
            return Optional.empty();
        }
        try {
            return Optional.of(new PropertyOverride(property, value, descriptor, setting, type.parse(value)));
        } catch (IllegalArgumentException e) {
            problems.add(given + setting + " " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Why a property path names no setting: a misspelt setting, or a descriptor name that is not there. */
    private static String unknown(String path, String descriptor, String setting, List<String> names) {
        if (descriptor == null) {
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                if (SettingCatalog.type(path.substring(dot + 1)) != null) {
                    return "there is no descriptor named \"" + path.substring(0, dot) + "\"; "
                            + (names.isEmpty() ? "this project has no descriptors"
                                    : "the descriptors are " + String.join(", ", names.stream().sorted().toList()))
                            + " (-D" + PREFIX + path.substring(dot + 1) + " would apply to all of them)";
                }
            }
        }
        String qualifier = descriptor == null ? PREFIX : PREFIX + descriptor + ".";
        List<String> settings = SettingCatalog.settings().keySet().stream()
                .filter(known -> !SettingCatalog.FIXED.contains(known)).toList();
        return qualifier + setting + " is not a distill setting; the closest are "
                + ClosestNames.closest(setting, settings, 3).stream().map(known -> qualifier + known)
                        .collect(Collectors.joining(", "));
    }
}
