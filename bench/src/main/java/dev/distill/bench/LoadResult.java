package dev.distill.bench;

/**
 * What one HTTP load measured after its warm-up, by either driver ({@link ServeLoad}'s clients in
 * this JVM, or {@link WrkLoad}).
 *
 * @param requests requests answered with a 2xx within the measured time
 * @param errors failed requests: non-2xx answers, socket errors and timeouts
 * @param seconds the measured time
 * @param p50Ms median latency, NaN when no request was answered
 * @param p99Ms 99th percentile latency, NaN when no request was answered
 */
record LoadResult(long requests, long errors, double seconds, double p50Ms, double p99Ms) {

    double requestsPerSecond() {
        return requests / seconds;
    }
}
