package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and reading the descriptor files that the real annotation processor writes. */
class DescriptorFilesTest {

    @TempDir
    static Path root;
    static DescriptorProject project;
    static Path classes;

    @BeforeAll
    static void compileTwoDescriptors() throws IOException {
        project = DescriptorProject.create(root);
        // Compiled in the opposite order of their names, so the listing has to sort.
        classes = project.compile(
                "Topics", "name = \"topics\", teacher = @Teacher(model = \"" + DescriptorProject.TEACHER + "\"),"
                        + " data = @Dataset(train = \"data/news.tsv\")",
                "Sentiment", DescriptorProject.shortest("sentiment"));
    }

    @Test
    void listsTheDescriptorsSortedByName() throws IOException {
        List<Path> files = DescriptorFiles.list(classes);

        assertEquals(List.of(classes.resolve("META-INF/distill/descriptors/sentiment.json"),
                classes.resolve("META-INF/distill/descriptors/topics.json")), files);
    }

    @Test
    void listsNothingWithoutADescriptorFolder() throws IOException {
        Path empty = Files.createDirectories(root.resolve("no-descriptors/classes"));
        assertEquals(List.of(), DescriptorFiles.list(empty));
        Files.createDirectories(empty.resolve(DescriptorFiles.FOLDER));
        assertEquals(List.of(), DescriptorFiles.list(empty));
        assertEquals(List.of(), DescriptorFiles.list(root.resolve("not-there")));
    }

    @Test
    void readsAProcessorOutput() throws IOException {
        Descriptor descriptor = DescriptorFiles.read(DescriptorFiles.list(classes).get(1));

        assertEquals("topics", descriptor.name());
        assertEquals("app.Topics", descriptor.json().get("descriptorClass").getAsString());
        assertEquals("data/news.tsv", descriptor.json().getAsJsonObject("data").get("train").getAsString());
        assertEquals(1, descriptor.json().get("format").getAsInt());
    }

    @Test
    void rejectsAnotherFormatNamingTheFileAndTheMatchingVersions() throws IOException {
        Path file = copyWith("format2", "\"format\": 1", "\"format\": 2");

        DistillSpecException e = assertThrows(DistillSpecException.class, () -> DescriptorFiles.read(file));

        assertEquals("descriptor file " + file + ": its format is 2, but this distill plugin reads format 1 only,"
                + " which distill-annotations 0.1.x writes: use the same version for the distill-annotations"
                + " dependency and the distill-maven-plugin, then run mvn clean compile", e.getMessage());
    }

    @Test
    void rejectsBrokenJsonNamingTheFile() throws IOException {
        Path file = copyWith("broken", "\"alpha\": 0.7,", "\"alpha\": 0.7,,");

        DistillSpecException e = assertThrows(DistillSpecException.class, () -> DescriptorFiles.read(file));

        assertTrue(e.getMessage().startsWith("descriptor file " + file + ": it is not valid JSON: "), e.getMessage());
    }

    @Test
    void rejectsAFileNamedAfterAnotherDescriptor() throws IOException {
        Path file = copyWith("renamed", "\"name\": \"sentiment\"", "\"name\": \"other\"");

        DistillSpecException e = assertThrows(DistillSpecException.class, () -> DescriptorFiles.read(file));

        assertTrue(e.getMessage().contains("its name is \"other\", so the file should be called other.json"),
                e.getMessage());
    }

    /** A copy of sentiment.json, in a folder of its own, with one piece of text replaced. */
    private static Path copyWith(String folder, String text, String replacement) throws IOException {
        String json = Files.readString(classes.resolve(DescriptorFiles.FOLDER + "sentiment.json"));
        assertTrue(json.contains(text), json);
        Path file = root.resolve(folder).resolve(DescriptorFiles.FOLDER + "sentiment.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.replace(text, replacement));
        return file;
    }
}
