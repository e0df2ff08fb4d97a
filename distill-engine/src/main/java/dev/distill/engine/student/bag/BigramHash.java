package dev.distill.engine.student.bag;

/**
 * The bucket of a pair of adjacent token ids, as fastText hashes its word n-grams:
 * {@code (left * 116049371 + right) mod buckets}. The ONNX graph and the DJL network compute it on int64 ids, which
 * never overflow (ids below 2^31 times a multiplier below 2^27). It hashes the tokenizer's ids, never embedding rows,
 * so that vocabulary pruning, which renumbers the rows, leaves the buckets of the kept ids as they were trained.
 */
public final class BigramHash {

    /** fastText's multiplier ({@code Dictionary::pushHash}): odd, so consecutive left ids spread over the buckets. */
    public static final long MULTIPLIER = 116_049_371L;

    private BigramHash() {
    }

    /** The bucket of {@code (left, right)} among {@code buckets}, for ids in [0, 2^31). */
    public static long bucket(long left, long right, int buckets) {
        return Math.floorMod(left * MULTIPLIER + right, (long) buckets);
    }
}
