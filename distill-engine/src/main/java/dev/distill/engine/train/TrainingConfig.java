package dev.distill.engine.train;

import dev.distill.annotations.SoftLoss;
import dev.distill.engine.spec.DescriptorDefaults;
import dev.distill.engine.student.StudentArchitecture;
import java.util.Objects;

/**
 * Every setting of a training run. Immutable; build with {@link #builder()}. {@link Builder#build()}
 * checks each value and names the setting it rejects.
 */
public final class TrainingConfig {

    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final float weightDecay;
    private final float warmupFraction;
    private final float gradientClip;
    private final float temperature;
    private final float finalTemperature;
    private final float alpha;
    private final float hiddenWeight;
    private final float layerWeight;
    private final float attentionWeight;
    private final int accumulationSteps;
    private final SoftLoss softLoss;
    private final long seed;
    private final int patience;
    private final TrainingDevice device;
    private final int threads;
    private final boolean adaptiveThreads;
    private final float dropout;
    private final double progressIntervalSeconds;

    private TrainingConfig(Builder b) {
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        weightDecay = b.weightDecay;
        warmupFraction = b.warmupFraction;
        gradientClip = b.gradientClip;
        temperature = b.temperature;
        finalTemperature = Float.isNaN(b.finalTemperature) ? b.temperature : b.finalTemperature;
        alpha = b.alpha;
        hiddenWeight = b.hiddenWeight;
        layerWeight = b.layerWeight;
        attentionWeight = b.attentionWeight;
        accumulationSteps = b.accumulationSteps;
        softLoss = b.softLoss;
        seed = b.seed;
        patience = b.patience;
        device = b.device;
        threads = b.threads;
        adaptiveThreads = b.adaptiveThreads;
        dropout = b.dropout;
        progressIntervalSeconds = b.progressIntervalSeconds;
    }

    /**
     * A builder with the defaults of {@code @Distill} for every setting a descriptor has (10 epochs, batch 64, T 4,
     * alpha 0.7, ...: {@link DescriptorDefaults}), on the CPU with 1 thread and a progress line every 5 s.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .weightDecay(weightDecay).warmupFraction(warmupFraction).gradientClip(gradientClip)
                .temperature(temperature).finalTemperature(finalTemperature).alpha(alpha).hiddenWeight(hiddenWeight)
                .layerWeight(layerWeight).attentionWeight(attentionWeight).accumulationSteps(accumulationSteps).softLoss(softLoss)
                .seed(seed).patience(patience).device(device).threads(threads).adaptiveThreads(adaptiveThreads)
                .dropout(dropout).progressIntervalSeconds(progressIntervalSeconds);
    }

    /** Passes over the training data (at most; early stopping may end sooner). */
    public int epochs() { return epochs; }

    /** Texts per optimizer step. */
    public int batchSize() { return batchSize; }

    /** Peak learning rate of AdamW, reached at the end of warm-up. */
    public float learningRate() { return learningRate; }

    /** Decoupled weight decay of AdamW (0 = none). */
    public float weightDecay() { return weightDecay; }

    /** Share of the steps spent warming the learning rate up from 0, in [0, 1). */
    public float warmupFraction() { return warmupFraction; }

    /** Maximum global L2 norm of the gradients (0 = no clipping). */
    public float gradientClip() { return gradientClip; }

    /** Distillation temperature at the first step. */
    public float temperature() { return temperature; }

    /** Distillation temperature at the last step (equal to {@link #temperature()} unless set). */
    public float finalTemperature() { return finalTemperature; }

    /** Weight of the soft (teacher) term; 0 = gold labels only. */
    public float alpha() { return alpha; }

    /** Batches whose summed gradients make one optimizer step (1 = a step per batch). */
    public int accumulationSteps() { return accumulationSteps; }

    /** Weight of the hidden-state term (sentence vectors, through an adapter); 0 = off. */
    public float hiddenWeight() { return hiddenWeight; }

    /**
     * Whether the hidden-state weight is automatic (NaN, {@code @Distill}'s default): {@link HiddenWeightChoice} makes
     * it concrete against the teacher; a loss built from an unresolved configuration leaves the term out.
     */
    public boolean hiddenWeightAutomatic() { return Float.isNaN(hiddenWeight); }

    /**
     * Weight of the layer term (a TRANSFORMER student's layer outputs against the teacher layers they were copied
     * from); 0 = off, NaN = automatic ({@link LayerWeightChoice} makes it concrete against the student's design).
     */
    public float layerWeight() { return layerWeight; }

    /**
     * Weight of the attention term (the last layer's attention distributions against the teacher layer it was copied
     * from); 0 = off, NaN = automatic ({@link LayerWeightChoice}).
     */
    public float attentionWeight() { return attentionWeight; }

    /** How the soft term compares student and teacher. */
    public SoftLoss softLoss() { return softLoss; }

    /** Seed of the parameter initialization, dropout and batch order. */
    public long seed() { return seed; }

    /** Epochs without a better dev accuracy before training stops (0 = never stop early). */
    public int patience() { return patience; }

    /** Where to train. */
    public TrainingDevice device() { return device; }

    /** PyTorch intra-op threads. */
    public int threads() { return threads; }

    /**
     * Whether training may switch between {@link #threads()} and one thread, whichever it measures faster
     * ({@link ThreadCliffGuard}): true when the count was not set by the user, who otherwise gets exactly theirs.
     */
    public boolean adaptiveThreads() { return adaptiveThreads; }

    /** Dropout rate on the sentence vector during training. */
    public float dropout() { return dropout; }

    /** Seconds between progress lines (0 = a line after every step). */
    public double progressIntervalSeconds() { return progressIntervalSeconds; }

    /** The temperature schedule over {@code totalSteps} steps. */
    public TemperatureSchedule temperatureSchedule(int totalSteps) {
        return TemperatureSchedule.linear(temperature, finalTemperature, totalSteps);
    }

    @Override
    public String toString() {
        return "TrainingConfig{epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate=" + learningRate
                + ", weightDecay=" + weightDecay + ", warmupFraction=" + warmupFraction + ", gradientClip="
                + gradientClip + ", temperature=" + temperature + "->" + finalTemperature + ", alpha=" + alpha + ", hiddenWeight=" + hiddenWeight + ", layerWeight=" + layerWeight
                + ", attentionWeight=" + attentionWeight + ", accumulationSteps=" + accumulationSteps
                + ", softLoss=" + softLoss + ", seed=" + seed + ", patience=" + patience + ", device=" + device
                + ", threads=" + threads + (adaptiveThreads ? " (adaptive)" : "") + ", dropout=" + dropout + "}";
    }

    /** Builds a {@link TrainingConfig}. */
    public static final class Builder {
        // The descriptor's settings default to what @Distill declares; the rest are the engine's own.
        private int epochs = DescriptorDefaults.integer("epochs");
        private int batchSize = DescriptorDefaults.integer("batchSize");
        /** The descriptor leaves it to the student architecture; this is the default of all but TRANSFORMER. */
        private float learningRate = (float) StudentArchitecture.DEFAULT_LEARNING_RATE;
        private float weightDecay = (float) DescriptorDefaults.real("weightDecay");
        private float warmupFraction = (float) DescriptorDefaults.real("warmupFraction");
        private float gradientClip = (float) DescriptorDefaults.real("gradientClip");
        private float temperature = (float) DescriptorDefaults.real("temperature");
        private float finalTemperature = (float) DescriptorDefaults.real("finalTemperature");
        private float alpha = (float) DescriptorDefaults.real("alpha");
        private float hiddenWeight = (float) DescriptorDefaults.real("hiddenWeight");
        private float layerWeight = (float) DescriptorDefaults.real("layerWeight");
        private float attentionWeight = (float) DescriptorDefaults.real("attentionWeight");
        private int accumulationSteps = DescriptorDefaults.integer("accumulationSteps");
        private SoftLoss softLoss = DescriptorDefaults.constant("softLoss", SoftLoss.class);
        private long seed = DescriptorDefaults.longInteger("seed");
        private int patience = DescriptorDefaults.integer("patience");
        private TrainingDevice device = TrainingDevice.CPU;
        private int threads = 1;
        private boolean adaptiveThreads;
        // The text students' (the descriptor's default is unset: each architecture's own, resolved by Plans).
        private float dropout = (float) StudentArchitecture.DEFAULT_DROPOUT;
        private double progressIntervalSeconds = 5;

        private Builder() {}

        /** @param v passes over the data, at least 1 */
        public Builder epochs(int v) { epochs = v; return this; }

        /** @param v texts per step, at least 1 */
        public Builder batchSize(int v) { batchSize = v; return this; }

        /** @param v peak learning rate, finite and &gt; 0 */
        public Builder learningRate(float v) { learningRate = v; return this; }

        /** @param v decoupled weight decay, &gt;= 0 */
        public Builder weightDecay(float v) { weightDecay = v; return this; }

        /** @param v warm-up share of the steps, in [0, 1) */
        public Builder warmupFraction(float v) { warmupFraction = v; return this; }

        /** @param v maximum global gradient norm, &gt;= 0 (0 = off) */
        public Builder gradientClip(float v) { gradientClip = v; return this; }

        /** @param v temperature at the first step, &gt; 0 */
        public Builder temperature(float v) { temperature = v; return this; }

        /** @param v temperature at the last step, &gt; 0 (defaults to the initial one) */
        public Builder finalTemperature(float v) { finalTemperature = v; return this; }

        /** @param v weight of the soft term, in [0, 1] */
        public Builder alpha(float v) { alpha = v; return this; }
        /** @param v weight of the hidden-state term, in [0, 100] (0 = off) */
        public Builder hiddenWeight(float v) { hiddenWeight = v; return this; }
        /** @param v weight of the layer term, in [0, 100] (0 = off), or NaN for automatic */
        public Builder layerWeight(float v) { layerWeight = v; return this; }
        /** @param v weight of the attention term, in [0, 100] (0 = off), or NaN for automatic */
        public Builder attentionWeight(float v) { attentionWeight = v; return this; }
        /** @param v batches per optimizer step, in [1, 64] */
        public Builder accumulationSteps(int v) { accumulationSteps = v; return this; }

        /** @param v KL or MSE */
        public Builder softLoss(SoftLoss v) { softLoss = v; return this; }

        /** @param v random seed */
        public Builder seed(long v) { seed = v; return this; }

        /** @param v epochs without improvement before stopping, &gt;= 0 (0 = off) */
        public Builder patience(int v) { patience = v; return this; }

        /** @param v AUTO, CPU or GPU */
        public Builder device(TrainingDevice v) { device = v; return this; }

        /** @param v PyTorch intra-op threads, at least 1 */
        public Builder threads(int v) { threads = v; return this; }

        /** @param v whether training may fall back to one thread when that is faster (off by default) */
        public Builder adaptiveThreads(boolean v) { adaptiveThreads = v; return this; }

        /** @param v dropout rate, in [0, 1) */
        public Builder dropout(float v) { dropout = v; return this; }

        /** @param v seconds between progress lines, &gt;= 0 */
        public Builder progressIntervalSeconds(double v) { progressIntervalSeconds = v; return this; }

        /**
         * Checks every setting and builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first setting out of range, its value and the range
         */
        public TrainingConfig build() {
            atLeast("epochs", epochs, 1);
            atLeast("batchSize", batchSize, 1);
            atLeast("threads", threads, 1);
            atLeast("patience", patience, 0);
            check("learningRate", learningRate, learningRate > 0 && Float.isFinite(learningRate), "a finite value > 0");
            check("weightDecay", weightDecay, weightDecay >= 0 && Float.isFinite(weightDecay), "a finite value >= 0");
            check("warmupFraction", warmupFraction, warmupFraction >= 0 && warmupFraction < 1, "a value in [0, 1)");
            check("gradientClip", gradientClip, gradientClip >= 0 && Float.isFinite(gradientClip),
                    "a finite value >= 0 (0 turns clipping off)");
            check("temperature", temperature, temperature > 0 && Float.isFinite(temperature), "a finite value > 0");
            if (!Float.isNaN(finalTemperature)) {
                check("finalTemperature", finalTemperature, finalTemperature > 0 && Float.isFinite(finalTemperature),
                        "a finite value > 0");
            }
            check("alpha", alpha, alpha >= 0 && alpha <= 1, "a weight in [0, 1] (0 = gold labels only)");
            check("accumulationSteps", accumulationSteps, accumulationSteps >= 1 && accumulationSteps <= 64,
                    "a count in [1, 64]");
            if (!Float.isNaN(hiddenWeight)) {
                check("hiddenWeight", hiddenWeight, hiddenWeight >= 0 && hiddenWeight <= 100,
                        "a weight in [0, 100] (0 = off), or NaN for automatic");
            }
            for (String name : new String[] {"layerWeight", "attentionWeight"}) {
                float weight = name.equals("layerWeight") ? layerWeight : attentionWeight;
                if (!Float.isNaN(weight)) {
                    check(name, weight, weight >= 0 && weight <= 100,
                            "a weight in [0, 100] (0 = off), or NaN for automatic");
                }
            }
            check("dropout", dropout, dropout >= 0 && dropout < 1, "a rate in [0, 1)");
            check("progressIntervalSeconds", progressIntervalSeconds,
                    progressIntervalSeconds >= 0 && Double.isFinite(progressIntervalSeconds), "a finite value >= 0");
            Objects.requireNonNull(softLoss, "softLoss must be KL or MSE, not null");
            Objects.requireNonNull(device, "device must be AUTO, CPU or GPU, not null");
            return new TrainingConfig(this);
        }

        private static void atLeast(String name, long value, long min) {
            check(name, value, value >= min, "at least " + min);
        }

        private static void check(String name, Object value, boolean ok, String expected) {
            if (!ok) {
                throw new IllegalArgumentException(
                        "training setting " + name + " is " + value + "; expected " + expected);
            }
        }
    }
}
