package dev.distill.engine;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The build time that config.json records: {@code project.build.outputTimestamp}, read as Maven's archivers read
 * it, or nothing. A clock is never consulted, so two builds of the same inputs write the same bytes.
 */
public final class BuildTime {

    // The range zip entries can hold, as maven-archiver checks it.
    private static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:02Z");
    private static final Instant LATEST = Instant.parse("2099-12-31T23:59:59Z");

    private BuildTime() {
    }

    /**
     * Reads {@code project.build.outputTimestamp} as maven-archiver does: unset, empty or a single character (the
     * way Maven turns it off) is no build time; digits are seconds since 1970; anything else is an ISO-8601 date
     * and time with an offset.
     *
     * @param outputTimestamp the value as written in the pom, or null
     * @return the instant in UTC, whole seconds, as ISO-8601 ({@code 2026-01-01T00:00:00Z}); empty when unset
     * @throws IllegalArgumentException naming the property and the value when it is neither form or out of range
     */
    public static Optional<String> of(String outputTimestamp) {
        if (outputTimestamp == null || outputTimestamp.trim().length() < 2) {
            return Optional.empty();
        }
        String value = outputTimestamp.trim();
        Instant instant;
        try {
            instant = value.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("project.build.outputTimestamp = '" + outputTimestamp + "' is not a"
                    + " time. Fix: write it as ISO-8601 with an offset, e.g. 2026-01-01T00:00:00Z, or as seconds"
                    + " since 1970, e.g. 1767225600");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("project.build.outputTimestamp = '" + outputTimestamp + "' is outside"
                    + " the range a jar entry can hold, " + EARLIEST + " to " + LATEST);
        }
        return Optional.of(instant.truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
