package dev.distill.examples.tabular;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Augmentation;
import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Student;
import dev.distill.annotations.Teacher;

/**
 * The model descriptor. The teacher is the covertype gradient-boosted trees of the shared folder beside the clone
 * (1,694 trees in one ONNX-ML {@code TreeEnsembleRegressor}, 25 MB, output {@code logits}); the student is an MLP
 * of three ReLU layers of 512 units without dropout, trained on the 100,000 training rows and two MUNGE copies of
 * each, which the teacher labels, for 30 epochs in batches of 256. These are the settings of the bench's best measured
 * tabular row ({@code bench/run --ablation MLP}, recipe {@code munge2-3x512}; the README's "A tabular student").
 * {@code mvn package} distills it into {@code META-INF/distill/covertype/} of this jar, int8 (the first layer float,
 * the others {@code DynamicQuantizeMatMul}).
 */
@Distill(
        name = "covertype",
        teacher = @Teacher(model = "../../../shared/teachers/covertype-gbdt"),
        data = @Dataset(
                train = "../../../shared/data/covertype/train.csv",
                dev = "../../../shared/data/covertype/dev.csv"),
        student = @Student(architecture = Architecture.MLP, layers = 3, hiddenSize = 512, dropout = 0.0),
        augmentation = @Augmentation(copies = 2),
        epochs = 30,
        batchSize = 256,
        learningRate = 0.002,
        temperature = 4.0,
        alpha = 0.7)
public interface Covertype {}
