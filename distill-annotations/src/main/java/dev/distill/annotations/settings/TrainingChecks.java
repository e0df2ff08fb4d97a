package dev.distill.annotations.settings;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.SoftLoss;
import java.util.Arrays;
import java.util.List;

/** Checks the training settings of {@code @Distill} itself and of its {@code @Augmentation}. */
final class TrainingChecks {

    private TrainingChecks() {
    }

    static void check(Settings distill, Diagnostics diagnostics) {
        checkLoss(distill, diagnostics);
        checkSchedule(distill, diagnostics);
        RangeCheck.require(diagnostics, "minRetention", distill.real("minRetention"), Range.closed(0, 1),
                "minRetention is the least ratio of student to teacher dev accuracy that passes; 0 turns the"
                        + " quality gate off");
        checkAugmentation(distill.nested("augmentation"), diagnostics);
    }

    private static void checkLoss(Settings distill, Diagnostics diagnostics) {
        double temperature = distill.real("temperature");
        double finalTemperature = distill.real("finalTemperature");
        double alpha = distill.real("alpha");
        boolean temperatureValid = RangeCheck.require(diagnostics, "temperature", temperature,
                Range.openClosed(0, 100), "temperature softens the teacher's probabilities; 1 to 20 is usual");
        RangeCheck.requireUnsetOr(diagnostics, "finalTemperature", finalTemperature, Range.openClosed(0, 100),
                "finalTemperature is the temperature at the last epoch; NaN keeps temperature constant");
        if (temperatureValid && temperature > 20) {
            diagnostics.warning("temperature", diagnostics.describe("temperature", Double.toString(temperature))
                    + " is unusually high (above 20): the soft targets become nearly uniform and carry little;"
                    + " Hinton et al. use 1 to 20");
        }
        if (SoftLoss.MSE.name().equals(distill.constant("softLoss")) && distill.isWritten("temperature")) {
            diagnostics.warning("temperature", diagnostics.describe("temperature") + " is not used with "
                    + diagnostics.describe("softLoss", SoftLoss.MSE.name()) + ", which compares logits");
        }
        RangeCheck.requireUnsetOr(diagnostics, "hiddenWeight", distill.real("hiddenWeight"), Range.closed(0, 100),
                "hiddenWeight weighs the MSE between the student's and the teacher's sentence vectors; 0 turns it off,"
                + " NaN (the default) is automatic");
        boolean layerValid = RangeCheck.requireUnsetOr(diagnostics, "layerWeight", distill.real("layerWeight"),
                Range.closed(0, 100), "layerWeight weighs the MSE between a TRANSFORMER student's layer outputs and the"
                + " teacher layers they were copied from; 0 turns it off, NaN (the default) is automatic");
        boolean attentionValid = RangeCheck.requireUnsetOr(diagnostics, "attentionWeight",
                distill.real("attentionWeight"), Range.closed(0, 100), "attentionWeight weighs the KL between the"
                + " teacher's and a TRANSFORMER student's last-layer attention distributions; 0 turns it off, NaN (the"
                + " default) is automatic");
        if (layerValid) {
            requireTeacherLayers(distill, "layerWeight", diagnostics);
        }
        if (attentionValid) {
            requireTeacherLayers(distill, "attentionWeight", diagnostics);
        }
        boolean alphaValid = RangeCheck.require(diagnostics, "alpha", alpha, Range.closed(0, 1),
                "alpha weighs the teacher's soft targets against the gold labels");
        if (alphaValid && alpha == 0) {
            diagnostics.warning("alpha", diagnostics.describe("alpha", "0.0") + " turns distillation off: the"
                    + " student learns from the gold labels only; use a value in (0, 1], e.g. 0.7");
        }
    }

    /**
     * A layer or attention weight set above 0 compares the student's layers with the teacher layers they were copied
     * from: only an architecture cut from the teacher's layers (one that reads {@code student.teacherLayers}) has them.
     */
    private static void requireTeacherLayers(Settings distill, String setting, Diagnostics diagnostics) {
        double weight = distill.real(setting);
        String architecture = distill.nested("student").constant("architecture");
        List<String> cut = Arrays.stream(Architecture.values())
                .filter(a -> a.ownSettings().contains("teacherLayers")).map(Architecture::name).toList();
        if (weight > 0 && !cut.contains(architecture)) {
            diagnostics.error(setting, diagnostics.describe(setting, Double.toString(weight)) + " compares the"
                    + " student's layers with the teacher layers they were copied from, but "
                    + diagnostics.describe("student.architecture", architecture) + " copies no teacher layers; use"
                    + " student.architecture = " + String.join(" or ", cut) + " or set " + setting + " = 0");
        }
    }

    private static void checkSchedule(Settings distill, Diagnostics diagnostics) {
        int epochs = distill.integer("epochs");
        int patience = distill.integer("patience");
        double learningRate = distill.real("learningRate");
        boolean epochsValid = RangeCheck.require(diagnostics, "epochs", epochs, Range.closed(1, 1000),
                "epochs is the most passes over the training data");
        boolean patienceValid = RangeCheck.require(diagnostics, "patience", patience, Range.closed(1, 1000),
                "patience is how many epochs without a better dev accuracy stop training");
        if (epochsValid && patienceValid && patience >= epochs && distill.isWritten("patience")) {
            diagnostics.warning("patience", diagnostics.describe("patience", Integer.toString(patience))
                    + " is not below " + diagnostics.describe("epochs", Integer.toString(epochs))
                    + ", so training never stops early");
        }
        RangeCheck.require(diagnostics, "accumulationSteps", distill.integer("accumulationSteps"), Range.closed(1, 64),
                "accumulationSteps is how many batches' gradients make one optimizer step");
        RangeCheck.require(diagnostics, "batchSize", distill.integer("batchSize"), Range.closed(1, 4096),
                "batchSize is the number of texts per training step");
        boolean rateValid = RangeCheck.requireUnsetOr(diagnostics, "learningRate", learningRate,
                Range.openClosed(0, 1), "learningRate is AdamW's peak step size; NaN takes the student architecture's"
                        + " default (1e-3, or 1e-4 for a TRANSFORMER cut from its teacher)");
        if (rateValid && learningRate > 0.1) {
            diagnostics.warning("learningRate", diagnostics.describe("learningRate", Double.toString(learningRate))
                    + " is unusually high (above 0.1) for AdamW: training will probably diverge; 1e-3 is usual");
        }
        RangeCheck.require(diagnostics, "weightDecay", distill.real("weightDecay"), Range.closedOpen(0, 1),
                "weightDecay is AdamW's decoupled weight decay; 0.01 is usual");
        RangeCheck.require(diagnostics, "warmupFraction", distill.real("warmupFraction"), Range.closedOpen(0, 1),
                "warmupFraction is the share of the training steps that raise the learning rate from 0");
        RangeCheck.require(diagnostics, "gradientClip", distill.real("gradientClip"), Range.atLeast(0),
                "gradientClip is the largest gradient norm; 0 turns clipping off");
    }

    private static void checkAugmentation(Settings augmentation, Diagnostics diagnostics) {
        RangeCheck.require(diagnostics, "augmentation.maskProbability", augmentation.real("maskProbability"),
                Range.closed(0, 1), "maskProbability is the chance that a word of an augmented copy is masked");
        boolean replaceValid = RangeCheck.require(diagnostics, "augmentation.replaceProbability",
                augmentation.real("replaceProbability"), Range.closed(0, 1),
                "replaceProbability is the chance that a word of an augmented copy is replaced by a word used alike");
        double both = augmentation.real("maskProbability") + augmentation.real("replaceProbability");
        if (replaceValid && augmentation.real("maskProbability") <= 1 && both > 1) {
            diagnostics.error("augmentation.replaceProbability", diagnostics.describe("augmentation.maskProbability")
                    + " plus " + diagnostics.describe("augmentation.replaceProbability") + " is " + both
                    + ", above 1: a word is masked or replaced, not both; lower one of them");
        }
        RangeCheck.require(diagnostics, "augmentation.ngramProbability", augmentation.real("ngramProbability"),
                Range.closed(0, 1), "ngramProbability is the chance that an augmented copy is cut to an n-gram");
        RangeCheck.require(diagnostics, "augmentation.ngramMaxLength", augmentation.integer("ngramMaxLength"),
                Range.closed(1, 64), "ngramMaxLength is the longest n-gram, in words, that n-gram sampling keeps");
        RangeCheck.require(diagnostics, "augmentation.copies", augmentation.integer("copies"), Range.closed(0, 100),
                "copies is how many augmented copies are made of each training text; 0 turns augmentation off");
        if (augmentation.integer("copies") == 0) {
            for (String setting : new String[] {"maskProbability", "replaceProbability", "ngramProbability",
                    "ngramMaxLength"}) {
                if (augmentation.isWritten(setting)) {
                    diagnostics.warning("augmentation." + setting, diagnostics.describe("augmentation." + setting)
                            + " has no effect while " + diagnostics.describe("augmentation.copies", "0")
                            + "; set copies (Tang et al. use 20) to augment the data");
                }
            }
        }
    }
}
