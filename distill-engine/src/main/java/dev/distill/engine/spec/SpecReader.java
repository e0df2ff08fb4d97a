package dev.distill.engine.spec;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Format;
import dev.distill.annotations.MissingValues;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.annotations.SoftLoss;
import dev.distill.annotations.TeacherWeights;
import dev.distill.annotations.settings.Settings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/** Builds a {@link DistillSpec} from settings that have passed the checks. */
final class SpecReader {

    private SpecReader() {
    }

    static DistillSpec read(Settings distill, String descriptorClass, Path baseDir) {
        return new DistillSpec(distill.string("name"), descriptorClass,
                distill.nestedList("teacher").stream().map(SpecReader::teacher).toList(),
                TeacherWeights.valueOf(distill.constant("teacherWeights")),
                data(distill.nested("data")), student(distill.nested("student")),
                distill.real("temperature"),
                unsetOr(distill.real("finalTemperature")),
                distill.real("alpha"), SoftLoss.valueOf(distill.constant("softLoss")), distill.real("hiddenWeight"),
                distill.real("layerWeight"), distill.real("attentionWeight"),
                distill.integer("epochs"), distill.integer("patience"), distill.integer("batchSize"), distill.integer("accumulationSteps"),
                unsetOr(distill.real("learningRate")), distill.real("weightDecay"), distill.real("warmupFraction"),
                distill.real("gradientClip"), distill.longInteger("seed"),
                Quantization.valueOf(distill.constant("quantization")), distill.flag("pruneVocabulary"),
                distill.real("minRetention"), augmentation(distill.nested("augmentation")), baseDir);
    }

    /** A {@code double} setting that may be left unset: NaN (JSON {@code null}) is empty. */
    private static OptionalDouble unsetOr(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static TeacherSettings teacher(Settings teacher) {
        return new TeacherSettings(teacher.string("model"), teacher.string("tokenizer"), teacher.string("artifact"),
                Head.valueOf(teacher.constant("head")), teacher.integer("maxLength"), teacher.real("weight"));
    }

    private static DatasetSettings data(Settings data) {
        return new DatasetSettings(data.string("train"), data.string("dev"), data.real("devFraction"),
                data.string("transfer"), Format.valueOf(data.constant("format")), data.string("textColumn"),
                data.string("labelColumn"), List.of(data.strings("labels")), data.flag("skipBadRows"),
                List.of(data.strings("features")), MissingValues.valueOf(data.constant("missing")),
                data.string("softTargets"));
    }

    private static StudentSettings student(Settings student) {
        return new StudentSettings(Architecture.valueOf(student.constant("architecture")),
                student.integer("embeddingSize"), student.integer("hiddenSize"),
                Arrays.stream(student.integers("kernelSizes")).boxed().toList(), student.integer("layers"),
                Arrays.stream(student.integers("teacherLayers")).boxed().toList(), student.integer("heads"),
                student.integer("bigramBuckets"), student.integer("maxLength"),
                student.real("dropout"), Embeddings.valueOf(student.constant("embeddings")),
                student.string("tokenizer"));
    }

    private static AugmentationSettings augmentation(Settings augmentation) {
        return new AugmentationSettings(augmentation.real("maskProbability"), augmentation.real("replaceProbability"),
                augmentation.real("ngramProbability"),
                augmentation.integer("ngramMaxLength"), augmentation.integer("copies"));
    }
}
