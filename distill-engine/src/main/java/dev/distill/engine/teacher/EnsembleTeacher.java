package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Several teachers presented as one: the student learns from the weighted mix of their probabilities at the
 * temperature T, {@code p = Σ_k w_k · softmax(z_k / T)}, not from a mix of their raw logits, whose scales differ from
 * model to model.
 *
 * <p>How the loss reads the mix: the ensemble's "logits" are {@code T · ln p}, so that {@code softmax(logits / T)}
 * is exactly {@code p} and the soft-target term (KL at T) compares the student with the mixed distribution without
 * knowing there are several teachers; the argmax, and so the ensemble's dev accuracy, is the mix's. At another
 * temperature (an annealed {@code finalTemperature}) the term reads {@code p^(T/T')}, renormalised: the mix sharpened
 * or softened as a single teacher's distribution would be. {@code softLoss = MSE} compares the student's logits with
 * these log-probabilities.
 *
 * <p>The members give their logits in one label order, the first teacher's ({@link LabelMappedTeacher} maps the
 * others by name); the ensemble reads texts with the first teacher's tokenizer for the student
 * ({@link #tokenizerFile()}), while each member labels with its own. It gives the logits only: a mix of
 * probabilities has no one sentence vector, so the hidden-state term is off with several teachers.
 */
public final class EnsembleTeacher implements Teacher {

    /** The least probability whose logarithm is taken: a mix that underflows to 0 stays finite. */
    private static final double MIN_PROBABILITY = 1e-30;

    private final List<Teacher> members;
    private final double[] weights;
    private final float temperature;

    /**
     * @param members at least two teachers with the same labels in the same order; closed with the ensemble
     * @param weights one per member, positive, summing to 1
     * @param temperature T of the mix, positive
     */
    public EnsembleTeacher(List<Teacher> members, double[] weights, float temperature) {
        this.members = List.copyOf(members);
        this.weights = weights.clone();
        this.temperature = temperature;
        if (this.members.size() < 2 || weights.length != this.members.size()) {
            throw new IllegalArgumentException("an ensemble needs at least two teachers and one weight each, got "
                    + this.members.size() + " teachers and " + weights.length + " weights");
        }
        double sum = Arrays.stream(weights).sum();
        if (Arrays.stream(weights).anyMatch(w -> !(w > 0)) || Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("ensemble weights must be positive and sum to 1, got "
                    + Arrays.toString(weights));
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("the ensemble's temperature must be positive, got " + temperature);
        }
        for (Teacher member : this.members) {
            if (!member.labels().equals(labels())) {
                throw new IllegalArgumentException("ensemble members must give their logits in one label order: "
                        + member.labels() + " against " + labels());
            }
        }
    }

    /** The teachers, in the descriptor's order. */
    public List<Teacher> members() {
        return members;
    }

    /** The weight of each member, summing to 1. */
    public double[] weights() {
        return weights.clone();
    }

    /** The temperature the probabilities are mixed at. */
    public float temperature() {
        return temperature;
    }

    /**
     * The ensemble's logits from each member's: {@code T · ln Σ_k w_k softmax(z_k / T)} per row.
     *
     * @param memberLogits per member, one row per text, in the members' order
     */
    public float[][] mix(List<float[][]> memberLogits) {
        return mix(memberLogits, weights, temperature);
    }

    /** As {@link #mix(List)} for any weights: the mix the weights are fitted on. */
    static float[][] mix(List<float[][]> memberLogits, double[] weights, float temperature) {
        int rows = memberLogits.get(0).length;
        float[][] mixed = new float[rows][];
        for (int i = 0; i < rows; i++) {
            double[] p = mixedProbabilities(memberLogits, weights, temperature, i);
            float[] row = new float[p.length];
            for (int c = 0; c < p.length; c++) {
                row[c] = (float) (temperature * Math.log(Math.max(p[c], MIN_PROBABILITY)));
            }
            mixed[i] = row;
        }
        return mixed;
    }

    /** Row {@code i} of the mixed distribution {@code Σ_k w_k softmax(z_k / T)}. */
    static double[] mixedProbabilities(List<float[][]> memberLogits, double[] weights, float temperature, int i) {
        double[] p = new double[memberLogits.get(0)[i].length];
        for (int k = 0; k < memberLogits.size(); k++) {
            double[] q = softmax(memberLogits.get(k)[i], temperature);
            for (int c = 0; c < p.length; c++) {
                p[c] += weights[k] * q[c];
            }
        }
        return p;
    }

    /** {@code softmax(z / T)} in double precision. */
    static double[] softmax(float[] z, float temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v / (double) temperature);
        }
        double[] q = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            q[c] = Math.exp(z[c] / (double) temperature - max);
            sum += q[c];
        }
        for (int c = 0; c < z.length; c++) {
            q[c] /= sum;
        }
        return q;
    }

    @Override
    public List<String> labels() {
        return members.get(0).labels();
    }

    @Override
    public float[][] logits(List<String> texts) {
        List<float[][]> memberLogits = new ArrayList<>();
        for (Teacher member : members) {
            memberLogits.add(member.logits(texts));
        }
        return mix(memberLogits);
    }

    @Override
    public void checkSignals(Set<Signal> signals) {
        if (!Set.of(Signal.LOGITS).containsAll(signals)) {
            throw new IllegalArgumentException("an ensemble of " + members.size() + " teachers gives only the mixed"
                    + " logits, not " + TeacherOutput.beyondLogits(signals) + ": a mix of probabilities has no one"
                    + " sentence vector; leave hiddenWeight unset (automatic: off) or set it to 0");
        }
    }

    /** The first teacher's: it reads the texts for the student. */
    @Override
    public int maxLength() {
        return members.get(0).maxLength();
    }

    /** The first teacher's, which the student's tokenizer is. */
    @Override
    public Path tokenizerFile() {
        return members.get(0).tokenizerFile();
    }

    @Override
    public String fingerprint() {
        ContentHash hash = new ContentHash().add("ensemble of probabilities at T").add(Float.toString(temperature));
        for (int k = 0; k < members.size(); k++) {
            hash.add(members.get(k).fingerprint()).add(Double.toString(weights[k]));
        }
        return hash.hex();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Teacher member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "an ensemble of " + members.size() + " teachers";
    }
}
