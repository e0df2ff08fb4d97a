package dev.distill.engine.report;

import dev.distill.engine.train.EpochSummary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the build measured about one distillation, in the shape written to {@code report.json}
 * and drawn in {@code report.html}.
 *
 * @param name         the descriptor name
 * @param labels       class labels in index order (the axes of the confusion matrices)
 * @param models       the teacher first, then the students
 * @param epochs       the training curve
 * @param bestEpoch    the epoch whose parameters were kept (early stopping)
 * @param settings     the settings the student was trained with
 * @param provenance   where the inputs came from (teacher, data, hashes, versions)
 * @param stageSeconds wall time of each build stage, in the order they ran
 * @param quantized    what the int8 step quantized, one line per tensor or op
 * @param knowledge    how much of the teacher's representation the student kept, by measure (e.g.
 *                     {@value #SENTENCE_CKA}); empty when the teacher gives no sentence vectors
 * @param teachers     with several teachers, each one alone and its weight (the teacher of {@code models} is their
 *                     ensemble); empty for one teacher
 * @param weighting    how the ensemble's weights were found (FIXED or FITTED, on what); empty for one teacher
 */
public record DistillReport(
        String name,
        List<String> labels,
        List<ModelEvaluation> models,
        List<EpochSummary> epochs,
        int bestEpoch,
        Map<String, String> settings,
        Map<String, String> provenance,
        Map<String, Double> stageSeconds,
        List<String> quantized,
        Map<String, Double> knowledge,
        List<EnsembleMember> teachers,
        String weighting) {

    /** Linear CKA between the student's and the teacher's sentence vectors on the dev texts. */
    public static final String SENTENCE_CKA = "sentenceVectorCka";

    public DistillReport {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        models = List.copyOf(models);
        epochs = List.copyOf(epochs);
        // Sorted, so that report.json is byte-stable from build to build.
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
        stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
        quantized = List.copyOf(quantized);
        knowledge = Collections.unmodifiableMap(new TreeMap<>(knowledge));
        teachers = List.copyOf(teachers);
        Objects.requireNonNull(weighting, "weighting");
    }

    /** A report of a distillation from one teacher. */
    public DistillReport(String name, List<String> labels, List<ModelEvaluation> models, List<EpochSummary> epochs,
            int bestEpoch, Map<String, String> settings, Map<String, String> provenance,
            Map<String, Double> stageSeconds, List<String> quantized, Map<String, Double> knowledge) {
        this(name, labels, models, epochs, bestEpoch, settings, provenance, stageSeconds, quantized, knowledge,
                List.of(), "");
    }

    /** The model with the given role, or null when the report has none. */
    public ModelEvaluation model(ModelRole role) {
        return models.stream().filter(m -> m.role() == role).findFirst().orElse(null);
    }
}
