package dev.distill.runtime;

import dev.distill.runtime.testing.RandomTexts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A reproducible pool of calls as an application might make them: single {@code predict} calls and
 * {@code predictBatch} calls of 0 to 80 texts (beyond the batch size of 32, so some are split),
 * over random Unicode, empty texts, 100,000-character texts, and a few nulls (documented to throw
 * {@link NullPointerException}).
 */
final class MixedRequests {
  /** Characters in each of the long texts. */
  static final int LONG_TEXT = 100_000;

  private MixedRequests() {}

  /** One call: {@code single} means {@code predict(texts.get(0))}, otherwise {@code predictBatch}. */
  record Request(boolean single, List<String> texts) {
    int size() {
      return texts.size();
    }
  }

  /**
   * @param seed the random seed
   * @param count the number of requests
   * @return {@code count} requests; exactly two of them hold a 100k-character text
   */
  static List<Request> pool(long seed, int count) {
    Random random = new Random(seed);
    List<Request> requests = new ArrayList<>(count);
    requests.add(single(RandomTexts.ofLength(random, LONG_TEXT)));
    List<String> withLong = texts(random, 6);
    withLong.set(3, RandomTexts.ofLength(random, LONG_TEXT));
    requests.add(new Request(false, withLong));
    requests.add(single(""));
    requests.add(new Request(false, List.of()));
    requests.add(new Request(false, Collections.nCopies(5, "")));
    requests.add(single(null));
    requests.add(new Request(false, Arrays.asList("fine", null, "also fine")));
    List<String> longWithNull = texts(random, 40);
    longWithNull.set(17, null);
    requests.add(new Request(false, longWithNull));
    while (requests.size() < count) {
      int kind = random.nextInt(20);
      if (kind < 8) {
        requests.add(single(RandomTexts.next(random, 12)));
      } else if (kind < 15) {
        requests.add(new Request(false, texts(random, 2 + random.nextInt(7))));
      } else if (kind < 19) {
        requests.add(new Request(false, texts(random, 9 + random.nextInt(24))));
      } else {
        requests.add(new Request(false, texts(random, 33 + random.nextInt(48))));
      }
    }
    Collections.shuffle(requests, random);
    return List.copyOf(requests);
  }

  /**
   * Makes one call.
   *
   * @return the predictions, or the documented exception it threw as "Type: message"
   * @throws RuntimeException any undocumented exception
   */
  static Object run(TextClassifier classifier, Request request) {
    try {
      return request.single()
          ? List.of(classifier.predict(request.texts().get(0)))
          : classifier.predictBatch(request.texts());
    } catch (NullPointerException e) {
      if (!request.texts().contains(null)) {
        throw e;
      }
      return "NullPointerException: " + e.getMessage();
    }
  }

  private static Request single(String text) {
    return new Request(true, Collections.singletonList(text));
  }

  private static List<String> texts(Random random, int count) {
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      texts.add(random.nextInt(25) == 0 ? "" : RandomTexts.next(random, 12));
    }
    return texts;
  }
}
