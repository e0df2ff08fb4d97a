package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.Plans;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code student.hiddenSize} (0) and {@code student.dropout} (NaN) left unset take the architecture's own, through real
 * processor output; a written value wins, and the compiler still checks one.
 */
class ArchitectureDefaultsTest extends SpecTestBase {

    @Test
    void eachArchitectureFillsInItsOwnWidthAndDropout() throws IOException {
        assertEquals(List.of(256, 0.1), defaults(Map.of()), "text students (BILSTM)");
        assertEquals(List.of(512, 0.0), defaults(Map.of("distill.student.architecture", "MLP")));
        project.write("data/images.csv", "path,label\nimages/a.png,bag\n");
        assertEquals(List.of(48, 0.0), defaults(Map.of("distill.student.architecture", "IMAGE_CNN",
                "distill.data.train", "data/images.csv")));
        assertEquals(List.of(256, 0.1), defaults(Map.of("distill.student.architecture", "CNN")));
    }

    @Test
    void aWrittenValueWins() throws IOException {
        assertEquals(List.of(64, 0.3), defaults(Map.of("distill.student.architecture", "MLP",
                "distill.student.hiddenSize", "64", "distill.student.dropout", "0.3")));
        assertEquals(List.of(128, 0.0), defaults(Map.of("distill.student.hiddenSize", "128",
                "distill.student.dropout", "0.0")), "0.0 written is no dropout, not unset");
    }

    @Test
    void theCompilerStillChecksAWrittenWidth() throws IOException {
        String message = String.join("\n", problems(sentimentOnly, Map.of("distill.student.hiddenSize", "4")));
        assertTrue(message.contains("student.hiddenSize") && message.contains("[8, 4096]"), message);
    }

    private static List<Object> defaults(Map<String, String> properties) throws IOException {
        DistillSpec spec = resolveOnly(sentimentOnly, properties).spec();
        return List.of(Plans.hiddenSize(spec), Plans.dropout(spec));
    }
}
