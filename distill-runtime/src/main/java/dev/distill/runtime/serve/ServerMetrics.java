package dev.distill.runtime.serve;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's metrics, written in the Prometheus text format (version 0.0.4) at
 * {@code GET /metrics}:
 *
 * <ul>
 *   <li>{@code distill_http_requests_total{code}}: answered requests by status code;
 *   <li>{@code distill_http_request_duration_seconds}: time from the request's arrival to its
 *       answer, predict calls only;
 *   <li>{@code distill_batch_size{model}}: texts per ONNX Runtime call made by the batcher;
 *   <li>{@code distill_queue_depth{model}}: predict calls waiting for the batcher now.
 * </ul>
 */
final class ServerMetrics {
  /** Latency buckets in seconds: 1 ms to 10 s. */
  private static final double[] LATENCY_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
      0.25, 0.5, 1, 2.5, 5, 10};
  /** Batch size buckets: powers of two up to 512 texts. */
  private static final double[] BATCH_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

  private final Map<Integer, LongAdder> requests = new ConcurrentSkipListMap<>();
  private final Histogram latency = new Histogram("distill_http_request_duration_seconds",
      "Time from a predict request's arrival to its answer.", "", LATENCY_BOUNDS);
  private final Map<String, Histogram> batchSizes = new ConcurrentHashMap<>();

  void answered(int status) {
    requests.computeIfAbsent(status, code -> new LongAdder()).increment();
  }

  void predictLatency(long nanos) {
    latency.observe(nanos / 1e9);
  }

  /** @return the histogram the batcher of a model records its batch sizes in */
  Histogram batchSizes(String model) {
    return batchSizes.computeIfAbsent(model, name -> new Histogram("distill_batch_size",
        "Texts per ONNX Runtime call made by the dynamic batcher.", "model=\"" + name + "\"",
        BATCH_BOUNDS));
  }

  /** @return the metrics in the Prometheus text format */
  String scrape(List<ServedModel> models) {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP distill_http_requests_total Answered HTTP requests by status code.\n");
    out.append("# TYPE distill_http_requests_total counter\n");
    requests.forEach((code, count) -> out.append("distill_http_requests_total{code=\"")
        .append(code).append("\"} ").append(count.sum()).append('\n'));
    latency.write(out, true);
    boolean header = true;
    for (ServedModel model : models) {
      batchSizes(model.name()).write(out, header);
      header = false;
    }
    out.append("# HELP distill_queue_depth Predict calls waiting for the batcher.\n");
    out.append("# TYPE distill_queue_depth gauge\n");
    for (ServedModel model : models) {
      out.append("distill_queue_depth{model=\"").append(model.name()).append("\"} ")
          .append(model.batcher().depth()).append('\n');
    }
    return out.toString();
  }
}
