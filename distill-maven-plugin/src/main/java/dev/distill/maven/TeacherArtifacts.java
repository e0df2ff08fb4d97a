package dev.distill.maven;

import dev.distill.engine.ProvenanceKeys;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.EngineJob.ResolvedTeacher;
import dev.distill.engine.job.PluginProperties;
import dev.distill.engine.spec.DescriptorSpecs;
import dev.distill.engine.spec.DistillSpec;
import dev.distill.engine.spec.DistillSpecException;
import dev.distill.engine.spec.ResolvedSpec;
import dev.distill.engine.spec.TeacherSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Teachers given as Maven artifacts ({@code @Teacher(artifact = "g:a:v", model = "entry.onnx", ...)}):
 * resolved with Maven's resolver and their entries extracted, so the engine only sees files. The
 * descriptors are read and checked here too, so a bad override fails the build before a JVM forks.
 */
record TeacherArtifacts(Map<String, ResolvedTeacher> files, Map<String, Map<String, String>> provenance) {

    static TeacherArtifacts resolve(Path classes, Path baseDir, Map<String, String> overrides,
            boolean allowOutsidePaths, Path work,
            MavenArtifacts artifacts, Consumer<String> log) throws MojoFailureException, IOException {
        Map<String, ResolvedTeacher> files = new LinkedHashMap<>();
        Map<String, Map<String, String>> provenance = new LinkedHashMap<>();
        try {
            for (ResolvedSpec resolved : DescriptorSpecs.load(classes, baseDir, overrides,
                    PluginProperties.ALL, allowOutsidePaths)) {
                DistillSpec spec = resolved.spec();
                Map<String, String> coordinatesByTeacher = new LinkedHashMap<>();
                for (int i = 0; i < spec.teacher().size(); i++) {
                    TeacherSettings teacher = spec.teacher().get(i);
                    if (!teacher.fromArtifact()) {
                        continue;
                    }
                    // The setting as the checks name it: teacher.model alone, teacher[i].model among several.
                    String teacherSetting = spec.teacher().size() == 1 ? "teacher" : "teacher[" + i + "]";
                    String setting = spec.name() + ": " + teacherSetting;
                    String coordinates = teacher.artifact();
                    Path jar = artifacts.resolve(coordinates, setting + ".artifact");
                    Path folder = work.resolve(spec.name()).resolve(i == 0 ? "teacher-artifact" : "teacher-artifact-" + i);
                    Path model = extract(jar, teacher.model(), folder, setting + ".model");
                    String tokenizerEntry = teacher.tokenizer();
                    if (tokenizerEntry.isEmpty()) {
                        throw new MojoFailureException("distill: " + setting + ".tokenizer is empty; with"
                                + " " + teacherSetting + ".artifact = \"" + coordinates
                                + "\" name the tokenizer.json entry of that jar");
                    }
                    Path tokenizer = extract(jar, tokenizerEntry, folder, setting + ".tokenizer");
                    log.accept("distill: " + setting + " " + coordinates + " (" + jar.getFileName() + ")");
                    files.put(EngineJob.teacherKey(spec.name(), i),
                            new ResolvedTeacher(coordinates, model.toString(), tokenizer.toString()));
                    coordinatesByTeacher.put(i == 0 ? ProvenanceKeys.TEACHER_ARTIFACT
                            : ProvenanceKeys.teacherArtifact(i), coordinates);
                }
                if (!coordinatesByTeacher.isEmpty()) {
                    provenance.put(spec.name(), coordinatesByTeacher);
                }
            }
        } catch (DistillSpecException e) {
            throw new MojoFailureException("distill: " + e.getMessage());
        }
        return new TeacherArtifacts(files, provenance);
    }

    private static Path extract(Path jar, String entry, Path folder, String setting)
            throws MojoFailureException, IOException {
        try {
            return JarEntries.extract(jar, entry, folder);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("has no entry")) {
                throw new MojoFailureException("distill: " + setting + " = \"" + entry + "\": " + e.getMessage());
            }
            throw e;
        }
    }
}
