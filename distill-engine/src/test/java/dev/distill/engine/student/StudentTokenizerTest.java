package dev.distill.engine.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Embeddings;
import dev.distill.engine.init.TeacherEmbeddingTable;
import dev.distill.engine.init.TeacherEmbeddings;
import dev.distill.engine.teacher.EngineFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code student.tokenizer}: which tokenizer the student reads with, and what a vocabulary other than the first
 * teacher's rules out (its embeddings, a student cut from it), on the real MiniLM and bge tokenizers from Maven
 * Central and a smaller WordPiece vocabulary cut from MiniLM's.
 */
class StudentTokenizerTest {

    @Test
    void withoutOneTheStudentReadsWithTheFirstTeachersTokenizer() {
        StudentTokenizer tokenizer = StudentTokenizer.of(null, EngineFixtures.tokenizer());
        assertEquals(EngineFixtures.tokenizer(), tokenizer.file());
        assertTrue(tokenizer.sharesTeacherVocabulary());
        assertTrue(tokenizer.explanation().endsWith("(the first teacher's)"), tokenizer.explanation());
    }

    @Test
    void anotherFileWithTheSameTokensAndIdsSharesTheTeachersVocabulary() {
        // bge-small-en-v1.5 and all-MiniLM-L6-v2 both read BERT's uncased WordPiece vocabulary.
        StudentTokenizer tokenizer = StudentTokenizer.of(EngineFixtures.bgeTokenizer(), EngineFixtures.tokenizer());
        assertEquals(EngineFixtures.bgeTokenizer(), tokenizer.file());
        assertTrue(tokenizer.sharesTeacherVocabulary(), tokenizer.explanation());
        assertTrue(tokenizer.explanation().contains("the teacher's embeddings apply"), tokenizer.explanation());
    }

    @Test
    void aSmallerVocabularyIsNamedWithBothFilesAndRulesOutTheTeachersEmbeddingsAndLayers() throws IOException {
        Path small = EngineFixtures.smallerTokenizer(EngineFixtures.targetDir("student-tokenizer"), 20_000);
        StudentTokenizer tokenizer = StudentTokenizer.of(small, EngineFixtures.tokenizer());

        assertFalse(tokenizer.sharesTeacherVocabulary());
        String why = tokenizer.mismatch().orElseThrow();
        assertTrue(why.startsWith("student.tokenizer " + small + " has another vocabulary than the first teacher's: "
                + "20000 tokens against 30522 in " + EngineFixtures.tokenizer()), why);

        TeacherEmbeddingTable table = TeacherEmbeddingTable.of(EngineFixtures.encoder());
        TeacherEmbeddings.Choice auto = TeacherEmbeddings.choose(Embeddings.AUTO, table, 20_000, 32,
                tokenizer.mismatch());
        assertTrue(auto.embeddings().isEmpty());
        assertTrue(auto.explanation().startsWith("random (student.embeddings = AUTO: student.tokenizer "),
                auto.explanation());
        IllegalArgumentException teacher = assertThrows(IllegalArgumentException.class,
                () -> TeacherEmbeddings.choose(Embeddings.TEACHER, table, 20_000, 32, tokenizer.mismatch()));
        assertTrue(teacher.getMessage().contains("leave student.tokenizer empty"), teacher.getMessage());

        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> TeacherLayers.unusable(EngineFixtures.encoder(), why).weights("TRANSFORMER"));
        assertTrue(cut.getMessage().startsWith("student.architecture = TRANSFORMER is cut from the teacher")
                && cut.getMessage().contains(small.toString()), cut.getMessage());
    }

    @Test
    void aFileThatIsNotATokenizerIsRefusedNamingTheSetting() throws IOException {
        Path notATokenizer = EngineFixtures.targetDir("student-tokenizer-bad").resolve("tokenizer.json");
        Files.writeString(notATokenizer, "{\"model\": 3}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudentTokenizer.of(notATokenizer, EngineFixtures.tokenizer()));
        assertTrue(e.getMessage().startsWith("student.tokenizer = " + notATokenizer + " is not a tokenizer"),
                e.getMessage());
    }
}
