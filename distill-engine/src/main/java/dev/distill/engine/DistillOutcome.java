package dev.distill.engine;

import dev.distill.engine.report.DistillReport;
import java.nio.file.Path;

/**
 * What a distillation produced.
 *
 * @param report       everything measured
 * @param outputFolder the student folder that was written
 * @param reportFolder where {@code report.html} and {@code report.json} are
 */
public record DistillOutcome(DistillReport report, Path outputFolder, Path reportFolder) {}
