package dev.distill.runtime.serve;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A Prometheus histogram: cumulative {@code _bucket{le=...}} counts, {@code _sum} and
 * {@code _count}. Lock-free; observations and scrapes may run concurrently (a scrape may see an
 * observation in the count but not yet in the sum, as Prometheus clients allow).
 */
final class Histogram {
  private final String name;
  private final String help;
  private final String labels;
  private final double[] bounds;
  private final AtomicLongArray counts;
  private final DoubleAdder sum = new DoubleAdder();

  /**
   * @param name the metric name
   * @param help its HELP text
   * @param labels the label pairs, e.g. {@code model="a"}, or empty
   * @param bounds the upper bounds of the buckets, ascending (+Inf is added)
   */
  Histogram(String name, String help, String labels, double... bounds) {
    this.name = name;
    this.help = help;
    this.labels = labels;
    this.bounds = bounds.clone();
    this.counts = new AtomicLongArray(bounds.length + 1);
  }

  void observe(double value) {
    int bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]) {
      bucket++;
    }
    counts.incrementAndGet(bucket);
    sum.add(value);
  }

  /** Writes HELP and TYPE (once per metric name: {@code header}) and the samples. */
  void write(StringBuilder out, boolean header) {
    if (header) {
      out.append("# HELP ").append(name).append(' ').append(help).append('\n');
      out.append("# TYPE ").append(name).append(" histogram\n");
    }
    String prefix = labels.isEmpty() ? "" : labels + ",";
    long cumulative = 0;
    for (int i = 0; i <= bounds.length; i++) {
      cumulative += counts.get(i);
      String le = i < bounds.length ? format(bounds[i]) : "+Inf";
      out.append(name).append("_bucket{").append(prefix).append("le=\"").append(le).append("\"} ")
          .append(cumulative).append('\n');
    }
    String braces = labels.isEmpty() ? "" : "{" + labels + "}";
    out.append(name).append("_sum").append(braces).append(' ').append(format(sum.sum())).append('\n');
    out.append(name).append("_count").append(braces).append(' ').append(cumulative).append('\n');
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
  }
}
