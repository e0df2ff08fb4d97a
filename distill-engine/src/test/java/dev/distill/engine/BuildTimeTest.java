package dev.distill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.job.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code project.build.outputTimestamp} as config.json records it, and its part in the build fingerprint. */
class BuildTimeTest {

    @Test
    void readsBothFormsMavenAcceptsAsTheSameUtcInstant() {
        assertEquals(Optional.of("2026-01-01T00:00:00Z"), BuildTime.of("2026-01-01T00:00:00Z"));
        assertEquals(Optional.of("2026-01-01T00:00:00Z"), BuildTime.of("2026-01-01T01:00:00+01:00"));
        assertEquals(Optional.of("2026-01-01T00:00:00Z"), BuildTime.of("1767225600"));
        assertEquals(Optional.of("2026-01-01T00:00:00Z"), BuildTime.of("2026-01-01T00:00:00.750Z"));
    }

    @Test
    void unsetEmptyOrOneCharacterIsNoBuildTime() {
        assertEquals(Optional.empty(), BuildTime.of(null));
        assertEquals(Optional.empty(), BuildTime.of(""));
        assertEquals(Optional.empty(), BuildTime.of("a"));
    }

    @Test
    void aValueThatIsNoTimeNamesThePropertyAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildTime.of("yesterday"));
        assertTrue(e.getMessage().contains("project.build.outputTimestamp = 'yesterday'")
                && e.getMessage().contains("2026-01-01T00:00:00Z"), e.getMessage());
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class, () -> BuildTime.of("1970-01-01T00:00:00Z"));
        assertTrue(old.getMessage().contains("outside the range"), old.getMessage());
    }

    @Test
    void aNewBuildTimeRebuildsTheStudent() {
        Map<String, String> settings = Map.of("epochs", "3");
        String first = BuildFingerprint.of(settings, Map.of(ProvenanceKeys.BUILD_TIME, "2026-01-01T00:00:00Z"),
                List.of(), Thresholds.DEFAULTS, "1");
        String same = BuildFingerprint.of(settings, Map.of(ProvenanceKeys.BUILD_TIME, "2026-01-01T00:00:00Z"),
                List.of(), Thresholds.DEFAULTS, "1");
        String later = BuildFingerprint.of(settings, Map.of(ProvenanceKeys.BUILD_TIME, "2026-02-01T00:00:00Z"),
                List.of(), Thresholds.DEFAULTS, "1");
        String none = BuildFingerprint.of(settings, Map.of(), List.of(), Thresholds.DEFAULTS, "1");
        assertEquals(first, same);
        assertNotEquals(first, later);
        assertNotEquals(first, none);
    }
}
