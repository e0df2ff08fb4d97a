package dev.distill.maven;

import dev.distill.engine.job.DeviceSetting;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.PluginProperties;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.train.TrainingDevice;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Distills every {@code @Distill} descriptor of the project into a student packaged under
 * {@code META-INF/distill/<name>/} of the class output, so that the jar ships it.
 *
 * <p>For each descriptor: the teacher labels the training data (soft targets, cached), a student is
 * trained with DJL's PyTorch engine, exported to ONNX, quantized to int8, checked against the trained
 * network and evaluated against the teacher; {@code target/distill/<name>/report.html} shows the
 * outcome. When no input changed since the last build, nothing runs.
 *
 * <p>Every setting of the annotation can be overridden with a property {@code distill.<setting>}
 * (for example {@code -Ddistill.epochs=1}, {@code -Ddistill.teacher.model=...},
 * {@code -Ddistill.student.architecture=CNN}); {@code distill.<name>.<setting>} applies to the
 * descriptor of that name only.
 */
@Mojo(name = "compress", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public final class CompressMojo extends AbstractMojo {

    static final String ENGINE_MAIN = "dev.distill.engine.cli.EngineMain";

    /** Skips the goal. */
    @Parameter(property = PluginProperties.SKIP, defaultValue = "false")
    private boolean skip;

    /** Retrains even when no input changed since the last build. */
    @Parameter(property = PluginProperties.FORCE, defaultValue = "false")
    private boolean force;

    /**
     * Where to train: {@code AUTO} (a GPU when DJL's PyTorch engine reports one, else the CPU),
     * {@code CPU} or {@code GPU} (fails when there is none). See docs/gpu.md for the CUDA libtorch.
     */
    @Parameter(property = PluginProperties.DEVICE, defaultValue = "AUTO")
    private String device;

    /**
     * Compute threads for training and inference; 0 uses every available core, and training then moves to one
     * thread while it measures one thread faster (on a shared machine libtorch's threads wait for each other). A
     * count set here is kept as it is, which byte-identical rebuilds need.
     */
    @Parameter(property = PluginProperties.THREADS, defaultValue = "0")
    private int threads;

    /** Scratch space, reports ({@code <name>/report.html}) and fingerprints. */
    @Parameter(property = PluginProperties.WORK_DIRECTORY, defaultValue = "${project.build.directory}/distill")
    private File workDirectory;

    /**
     * The soft-target cache. The teacher is the slow part of a build; its outputs are kept here, keyed by the
     * content of the teacher, tokenizer and texts, and may be shared between projects and builds.
     */
    @Parameter(property = PluginProperties.CACHE_DIRECTORY, defaultValue = "${user.home}/.cache/distill/soft-targets")
    private File cacheDirectory;

    /** Largest absolute logit difference between the trained network and its fp32 ONNX export. */
    @Parameter(property = PluginProperties.PARITY_TOLERANCE, defaultValue = "1e-4")
    private double parityTolerance;

    /** Least share of dev texts on which the int8 student's answer equals the fp32 student's. */
    @Parameter(property = PluginProperties.MIN_INT8_AGREEMENT, defaultValue = "0.99")
    private double minInt8Agreement;

    /** Largest drop of dev accuracy from the fp32 to the int8 student (0.005 = half a point). */
    @Parameter(property = PluginProperties.MAX_INT8_ACCURACY_DROP, defaultValue = "0.005")
    private double maxInt8AccuracyDrop;

    /**
     * Allows data and teacher paths that are absolute or leave the project directory (refused by default, so that a
     * build does not depend on files of one machine). The compiler needs {@code -Adistill.allowOutsidePaths=true}
     * for such paths in the annotation, too.
     */
    @Parameter(property = PluginProperties.ALLOW_OUTSIDE_PATHS, defaultValue = "false")
    private boolean allowOutsidePaths;

    /**
     * Settings overrides in the pom, as {@code <settings><epochs>3</epochs><sentiment.alpha>0.5</sentiment.alpha></settings>};
     * a property {@code -Ddistill.epochs} on the command line wins over them.
     */
    @Parameter
    private Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Options of the JVM that trains, for example {@code -Xmx8g}. The default caps the young generation: the
     * training's garbage is short-lived (about 15 MB/s for the example, about 260 MB live), and G1 otherwise grew
     * the young generation to about 1 GB, which the process then kept: the example's engine peaked at 2.4 GB RSS,
     * and at 1.6 GB with the cap, training as fast (docs/reliability.md, "Memory"). The old generation can still
     * grow to the 6 GB a large transfer set may need.
     */
    @Parameter(property = PluginProperties.JVM_ARGS, defaultValue = "-Xmx6g -XX:MaxNewSize=256m")
    private String jvmArgs;

    /**
     * The build time config.json records (see docs/reliability.md); unset, it records none. Maven's
     * archivers use the same property for the jar's entry times.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
    private String outputTimestamp;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true, required = true)
    private List<RemoteRepository> pluginRepositories;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("distill: skipped (" + PluginProperties.SKIP + "=true)");
            return;
        }
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        if (!Files.isDirectory(classes.resolve("META-INF/distill/descriptors"))) {
            getLog().info("distill: no @Distill descriptors in " + classes
                    + " (annotate a type with @dev.distill.annotations.Distill and depend on distill-annotations)");
            return;
        }
        TrainingDevice trainingDevice = trainingDevice();
        Thresholds checks = thresholds();
        Path work = workDirectory.toPath();
        Map<String, String> overrides = overrides();
        try {
            MavenArtifacts artifacts = new MavenArtifacts(repositorySystem, repositorySession, pluginRepositories);
            TeacherArtifacts teachers = TeacherArtifacts.resolve(classes, project.getBasedir().toPath(), overrides,
                    allowOutsidePaths, work, artifacts, getLog()::info);
            EngineJob job = new EngineJob(project.getBasedir().getAbsolutePath(), classes.toString(), work.toString(),
                    cacheDirectory.getAbsolutePath(), overrides, teachers.provenance(), teachers.files(),
                    trainingDevice, threads, force, checks, allowOutsidePaths, plugin.getVersion(), outputTimestamp);
            Path jobFile = work.resolve("job.json");
            job.write(jobFile);
            ForkedJvm fork = fork(artifacts);
            fork.run(ENGINE_MAIN, List.of(jobFile.toString()), project.getBasedir().toPath(),
                    line -> getLog().info(line), line -> getLog().warn(line));
        } catch (ForkedJvm.Failure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("distill: cannot run the engine: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("distill: interrupted", e);
        }
    }

    private TrainingDevice trainingDevice() throws MojoFailureException {
        try {
            return DeviceSetting.parse(device);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    private Thresholds thresholds() throws MojoFailureException {
        try {
            return new Thresholds(parityTolerance, minInt8Agreement, maxInt8AccuracyDrop);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** The {@code distill.*} settings from the pom's settings, then the project's, then the command line's. */
    private Map<String, String> overrides() {
        Map<String, String> all = new LinkedHashMap<>();
        settings.forEach((k, v) -> all.put(k.startsWith("distill.") ? k : "distill." + k, v));
        collect(project.getProperties(), all);
        collect(session.getSystemProperties(), all);
        collect(session.getUserProperties(), all);
        return all;
    }

    private static void collect(Properties properties, Map<String, String> into) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("distill.")) {
                into.put(key, properties.getProperty(key));
            }
        }
    }

    private ForkedJvm fork(MavenArtifacts artifacts) throws MojoFailureException {
        List<Path> classPath = ForkClassPath.of(plugin.getArtifacts(), artifacts);
        List<String> jvm = new ArrayList<>(List.of(jvmArgs.trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        jvm.add("-Dai.djl.offline=true");
        jvm.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        // DJL probes for CUDA at start and warns on every machine without a GPU driver; AUTO handles that.
        jvm.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error");
        return new ForkedJvm(ForkedJvm.currentJava(), jvm, classPath, Map.of("OPT_OUT_TRACKING", "true"));
    }
}
