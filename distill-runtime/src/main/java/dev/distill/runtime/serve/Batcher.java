package dev.distill.runtime.serve;

import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.TextClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dynamic batcher of one model: predict calls wait in a bounded queue, and one thread takes
 * the first waiting call, adds the calls already waiting and those that arrive within
 * {@code maxDelay} after it, up to {@code maxBatch} texts, and answers them all with one model
 * call. The texts are tokenized before they queue, on the thread that submits them (an HTTP
 * handler), so that the batcher's thread only runs the model ({@link TextClassifier#encode}); a
 * classifier that does not tokenize gets its texts in one {@link TextClassifier#logits} call. A call with more than {@code maxBatch} texts runs alone.
 * It waits for later calls only while some are on their way ({@link #arriving()}: a handler is
 * reading one), so a lone client pays no delay (measured with {@code maxDelay} 2 ms and waiting
 * regardless: p50 6 ms against 1 ms). A call that finds nothing queued, nothing arriving and the
 * model idle does not queue at all: it runs on the thread that submitted it, as without batching.
 *
 * <p>One thread per model makes one inference at a time per model: on a CPU, inferences running
 * side by side share the same cores, while one larger batch amortises the per-call overhead.
 * While an inference runs, new calls queue up and form the next batch by themselves.
 *
 * <p>A full queue refuses the call at once ({@link HttpError#unavailable}, 503 with
 * {@code Retry-After}) instead of holding ever more requests in memory. {@link #close()} refuses
 * new calls, answers the queued ones, then ends the thread.
 */
final class Batcher implements AutoCloseable {
  private static final long IDLE_POLL_MS = 50;
  /** How long one wait for an arriving call lasts before the batcher looks again. */
  private static final long ARRIVAL_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  /** One predict call waiting for its logits; {@code encoded} is null when the classifier does not tokenize. */
  private record Call(List<String> texts, EncodedBatch encoded, CompletableFuture<float[][]> answer) {}

  private final String model;
  private final TextClassifier classifier;
  private final int maxBatch;
  private final long maxDelayNanos;
  private final int capacity;
  private final BlockingQueue<Call> queue;
  private final Histogram batchSizes;
  private final Thread thread;
  private final AtomicInteger arriving = new AtomicInteger();
  /** Held by whoever runs an inference: the batcher's thread, or a lone call run on its own thread. */
  private final Semaphore running = new Semaphore(1);
  private volatile boolean closing;
  private volatile Call carried; // taken from the queue but too big for the batch it was taken for

  Batcher(String model, TextClassifier classifier, int maxBatch, long maxDelayMs, int capacity,
      Histogram batchSizes) {
    this.model = model;
    this.classifier = classifier;
    this.maxBatch = maxBatch;
    this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMs);
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSizes = batchSizes;
    this.thread = new Thread(this::run, "distill-batcher-" + model);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Announces a call on its way (its body is being read); {@link #submit} or {@link #cancel} ends
   * it. The batcher waits up to {@code maxDelay} for announced calls.
   */
  void arriving() {
    arriving.incrementAndGet();
  }

  /** Ends an announced call that will not be submitted (its request was refused). */
  void cancel() {
    arriving.decrementAndGet();
  }

  /**
   * Tokenizes texts and queues them for the next batch, ending the announcement of {@link #arriving()}.
   *
   * @return their logits, in order, once the batch has run
   * @throws HttpError 503 when the queue is full or the server is closing
   */
  CompletableFuture<float[][]> submit(List<String> texts) {
    if (closing) {
      arriving.decrementAndGet();
      throw HttpError.unavailable("the server is shutting down; send the request to another"
          + " instance, or retry once this one is back", 1);
    }
    Call call;
    try {
      call = new Call(texts, classifier.encode(texts).orElse(null), new CompletableFuture<>());
    } finally {
      // Once tokenized, before it is queued: the batcher waits for the call while it tokenizes, and
      // a batcher that takes it from the queue sees it no longer arriving. Ending the announcement
      // after the offer made a lone call's batch wait for the call itself (one arrival poll more).
      arriving.decrementAndGet();
    }
    if (queue.isEmpty() && carried == null && arriving.get() == 0 && running.tryAcquire()) {
      // A lone call with the model idle runs on its own thread: handing it to the batcher's thread
      // and back costs two thread wake-ups and gains nothing, there being nothing to batch it with.
      try {
        answer(List.of(call));
      } finally {
        running.release();
      }
      return call.answer;
    }
    if (!queue.offer(call)) {
      throw HttpError.unavailable("the queue of model '" + model + "' is full (" + capacity
          + " waiting predict calls): the server is overloaded; retry after the Retry-After"
          + " seconds, send fewer concurrent requests, or raise --queue-capacity", 1);
    }
    return call.answer;
  }

  /** @return the predict calls waiting now */
  int depth() {
    return queue.size() + (carried != null ? 1 : 0);
  }

  private void run() {
    try {
      while (true) {
        Call first = carried != null ? carried : queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing && queue.isEmpty()) {
            return;
          }
          continue;
        }
        // Held as carried while the model is busy with a lone call: still counted as waiting, and
        // no later call runs on its own thread ahead of it. The calls behind it gather meanwhile.
        carried = first;
        running.acquire();
        try {
          carried = null;
          answer(gather(first));
        } finally {
          running.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failAll(new IllegalStateException("the batcher of model '" + model + "' was interrupted"));
    }
  }

  /** The first call, and those that arrive within maxDelay of it, up to maxBatch texts. */
  private List<Call> gather(Call first) throws InterruptedException {
    List<Call> batch = new ArrayList<>();
    batch.add(first);
    int texts = first.texts.size();
    long deadline = System.nanoTime() + maxDelayNanos;
    while (texts < maxBatch) {
      Call next = queue.poll();
      if (next == null) {
        long wait = deadline - System.nanoTime();
        if (arriving.get() == 0 || wait <= 0) {
          break;
        }
        next = queue.poll(Math.min(wait, ARRIVAL_POLL_NANOS), TimeUnit.NANOSECONDS);
        if (next == null) {
          continue;
        }
      }
      if (texts + next.texts.size() > maxBatch) {
        carried = next;
        break;
      }
      batch.add(next);
      texts += next.texts.size();
    }
    return batch;
  }

  private void answer(List<Call> batch) {
    float[][] logits;
    try {
      logits = logits(batch);
    } catch (RuntimeException e) {
      batch.forEach(call -> call.answer.completeExceptionally(e));
      return;
    }
    batchSizes.observe(logits.length);
    int from = 0;
    for (Call call : batch) {
      float[][] own = new float[call.texts.size()][];
      System.arraycopy(logits, from, own, 0, own.length);
      from += own.length;
      call.answer.complete(own);
    }
  }

  private float[][] logits(List<Call> batch) {
    if (batch.get(0).encoded != null) {
      List<EncodedBatch> parts = new ArrayList<>(batch.size());
      batch.forEach(call -> parts.add(call.encoded));
      return classifier.logitsEncoded(parts);
    }
    List<String> texts = new ArrayList<>();
    batch.forEach(call -> texts.addAll(call.texts));
    return classifier.logits(texts);
  }

  private void failAll(RuntimeException e) {
    if (carried != null) {
      carried.answer.completeExceptionally(e);
    }
    for (Call call; (call = queue.poll()) != null; ) {
      call.answer.completeExceptionally(e);
    }
  }

  /**
   * Refuses new calls, answers the queued ones, and waits for the thread to end and for a lone
   * call running on its own thread to finish, so that the classifier can be closed after it.
   */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running.acquireUninterruptibly(); // kept: nothing runs on the model after close
  }
}
