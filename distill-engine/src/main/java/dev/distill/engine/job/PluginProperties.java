package dev.distill.engine.job;

import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code distill.*} properties that are not descriptor settings: the {@code distill:compress} goal's own
 * parameters, declared here once. The goal's {@code @Parameter(property = ...)} use these constants, the setting
 * overrides ignore them, and the plugin's tests check the goal's descriptor against {@link #GOAL_PARAMETERS}.
 */
public final class PluginProperties {

    public static final String SKIP = "distill.skip";
    public static final String FORCE = "distill.force";
    public static final String DEVICE = "distill.device";
    public static final String THREADS = "distill.threads";
    public static final String WORK_DIRECTORY = "distill.workDirectory";
    public static final String CACHE_DIRECTORY = "distill.cacheDirectory";
    public static final String JVM_ARGS = "distill.jvmArgs";
    public static final String PARITY_TOLERANCE = "distill.parityTolerance";
    public static final String MIN_INT8_AGREEMENT = "distill.minInt8Agreement";
    public static final String MAX_INT8_ACCURACY_DROP = "distill.maxInt8AccuracyDrop";
    public static final String ALLOW_OUTSIDE_PATHS = "distill.allowOutsidePaths";

    /** Not a parameter: POMs often name the plugin's version so, and it must not be taken for a setting. */
    public static final String VERSION = "distill.version";

    /** The property of every parameter of the goal that has one. */
    public static final Set<String> GOAL_PARAMETERS = Set.of(SKIP, FORCE, DEVICE, THREADS, WORK_DIRECTORY,
            CACHE_DIRECTORY, JVM_ARGS, PARITY_TOLERANCE, MIN_INT8_AGREEMENT, MAX_INT8_ACCURACY_DROP,
            ALLOW_OUTSIDE_PATHS);

    /** Every {@code distill.*} property that is not a setting: {@link #GOAL_PARAMETERS} and {@link #VERSION}. */
    public static final Set<String> ALL = union(GOAL_PARAMETERS, VERSION);

    private PluginProperties() {
    }

    private static Set<String> union(Set<String> names, String name) {
        Set<String> all = new TreeSet<>(names);
        all.add(name);
        return Set.copyOf(all);
    }
}
