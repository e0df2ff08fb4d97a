package dev.distill.runtime.serve;

/**
 * What one request may ask of a {@link ClassifierServer}; a request beyond a limit is refused
 * with 413 and a message naming the limit and the option that raises it.
 *
 * @param maxBodyBytes the largest request body, in bytes
 * @param maxTexts the most texts in one request's {@code inputs}
 * @param maxTextChars the longest text, in UTF-16 chars (a text is truncated to the model's max
 *     length in tokens anyway; this bounds the tokenizer's work and the memory a request holds)
 */
record ServeLimits(int maxBodyBytes, int maxTexts, int maxTextChars) {}
