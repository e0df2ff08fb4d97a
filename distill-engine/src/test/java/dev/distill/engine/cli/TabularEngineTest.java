package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.TabularTeachers;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.TabularClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The goal's path for a tabular descriptor, in process: the descriptor JSON of an MLP with a tabular teacher (no
 * tokenizer), read, planned, built and recorded; the next run finds the tabular folder up to date.
 */
class TabularEngineTest {

    @Test
    void aTabularDescriptorBuildsAServableFolderAndIsThenUpToDate() throws Exception {
        EngineProject project = EngineProject.at(EngineFixtures.targetDir("cli-tabular").resolve("project"))
                .name("covertype").create();
        Path teacher = project.root().resolve("teacher");
        for (String file : ModelFolder.FILES) {
            Files.deleteIfExists(teacher.resolve(file));
        }
        TabularTeachers.regression(teacher, ClassifierGraph.PROBABILITIES);
        project.write("data/train.csv", Files.readAllBytes(TabularTeachers.covertypeTrain()));
        project.write("data/dev.csv", Files.readAllBytes(TabularTeachers.covertypeDev()));
        project.set("data.train", "\"data/train.csv\"");
        project.set("data.dev", "\"data/dev.csv\"");
        project.set("data.features", "[]");
        project.set("data.missing", "\"ERROR\"");
        project.set("student.architecture", "\"MLP\"");
        project.set("student.embeddings", "\"AUTO\"");
        project.set("epochs", "2");

        String first = run(project);
        assertTrue(first.contains("distill: covertype: distilling teacher into a MLP student")
                && first.contains("ln(max(p, 1.0E-6))"), first);
        assertFalse(Files.exists(project.student().resolve(ModelFolder.TOKENIZER)));
        try (TabularClassifier classifier = TabularClassifier.load(project.student())) {
            assertEquals(TabularTeachers.COVERTYPE_LABELS, classifier.labels());
            assertEquals(54, classifier.featureNames().size());
        }
        String second = run(project);
        assertTrue(second.contains("distill: covertype is up to date"), second);
    }

    private static String run(EngineProject project) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            EngineMain.run(project.job(false), out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
