package dev.distill.examples.tabular;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Augmentation;
import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Quantization;
import dev.distill.annotations.Student;
import dev.distill.annotations.Teacher;

/**
 * The model descriptor. The teacher is the covertype gradient-boosted trees of the shared folder beside the clone
 * (1,694 trees in one ONNX-ML {@code TreeEnsembleRegressor}, 25 MB, output {@code logits}); the student is an MLP
 * of two ReLU layers of 256 units, trained on the 100,000 training rows and two MUNGE copies of each, which the
 * teacher labels. These are the settings of the bench's best measured tabular row
 * ({@code bench/results/ablation-tabular-2026-12-01.json}, recipe {@code munge2}). {@code mvn package} distills it
 * into {@code META-INF/distill/covertype/} of this jar.
 *
 * <p>The student ships in float32: int8 cost this MLP 1.4 points on dev in the bench and agreed with float32 on
 * 94.9% of the dev rows, which the build's int8 check (99% by default) refuses; float32 is 330 KB.
 */
@Distill(
        name = "covertype",
        teacher = @Teacher(model = "../../../shared/teachers/covertype-gbdt"),
        data = @Dataset(
                train = "../../../shared/data/covertype/train.csv",
                dev = "../../../shared/data/covertype/dev.csv"),
        student = @Student(architecture = Architecture.MLP, layers = 2, hiddenSize = 256),
        augmentation = @Augmentation(copies = 2),
        epochs = 10,
        temperature = 4.0,
        alpha = 0.7,
        quantization = Quantization.NONE)
public interface Covertype {}
