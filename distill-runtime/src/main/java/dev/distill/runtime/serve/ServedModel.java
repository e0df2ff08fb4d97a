package dev.distill.runtime.serve;

import dev.distill.runtime.TextClassifier;

/**
 * A model the server answers for: its name in URLs, its classifier, and its batcher.
 *
 * @param name the name in {@code /models/{name}/predict}
 * @param classifier the classifier
 * @param owned whether the server loaded it (and so closes it) or was given it (the caller closes it)
 * @param batcher its dynamic batcher
 */
record ServedModel(String name, TextClassifier classifier, boolean owned, Batcher batcher) {}
