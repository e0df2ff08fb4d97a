package dev.distill.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.contract.InputKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Tokenizes texts with a HuggingFace {@code tokenizer.json} (DJL's native tokenizer) into batches
 * ready for a transformer: special tokens added, each text truncated to {@link #maxLength()}
 * tokens (special tokens kept), and each batch padded to its own longest text.
 *
 * <p>Whatever truncation or padding {@code tokenizer.json} asks for is overridden: a file that asks
 * for fixed padding to 128 would make every inference pay for 128 tokens.
 *
 * <p>DJL's telemetry is switched off (system property {@code OPT_OUT_TRACKING=true}) unless the
 * environment or a system property already decides it.
 *
 * <p>Thread-safe. {@link #close()} waits for calls in flight; calls after it throw
 * {@link IllegalStateException}.
 */
public final class TextEncoder implements AutoCloseable {
  static {
    // DJL's native loader otherwise calls home (cloud metadata, telemetry) and, without network,
    // waits for each timeout. The runtime reads local files only; an explicit setting wins.
    if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  private final HuggingFaceTokenizer tokenizer;
  private final String location;
  private final int maxLength;
  private final Map<String, Integer> vocabulary;
  private final int vocabularySize;
  private final long padId;
  private final CloseGuard guard;

  private TextEncoder(HuggingFaceTokenizer tokenizer, String location, int maxLength,
      JsonObject json) {
    this.tokenizer = tokenizer;
    this.location = location;
    this.maxLength = maxLength;
    this.vocabulary = readVocabulary(json);
    this.vocabularySize = vocabulary.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    this.padId = readPadId(json, vocabulary);
    this.guard = new CloseGuard("TextEncoder for " + location);
  }

  /**
   * Loads a tokenizer from a {@code tokenizer.json} file.
   *
   * @param tokenizerJson the file
   * @param maxLength the maximum tokens per text, special tokens included (at least 2)
   * @return the encoder
   * @throws ModelLoadException if the file is missing or not a tokenizer
   */
  public static TextEncoder load(Path tokenizerJson, int maxLength) {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new ModelLoadException("Missing tokenizer file: " + tokenizerJson + " does not exist");
    }
    try (InputStream in = Files.newInputStream(tokenizerJson)) {
      return load(in, tokenizerJson.toString(), maxLength);
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read " + tokenizerJson + ": " + e.getMessage(), e);
    }
  }

  /** Loads from a stream (DJL reads tokenizers from memory too, so no temp file is needed). */
  static TextEncoder load(InputStream in, String location, int maxLength) {
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be at least 2 (room for the special"
          + " tokens), was " + maxLength + " for " + location);
    }
    try {
      byte[] bytes = in.readAllBytes();
      JsonObject json = JsonParser.parseString(
          ModelConfig.stripBom(new String(bytes, StandardCharsets.UTF_8))).getAsJsonObject();
      Map<String, String> options = Map.of(
          "addSpecialTokens", "true",
          "truncation", "true",
          "padding", "false",
          "maxLength", Integer.toString(maxLength),
          "modelMaxLength", Integer.toString(maxLength));
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), options);
      return new TextEncoder(tokenizer, location, maxLength, json);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("Cannot load tokenizer " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * Tokenizes a batch.
   *
   * @param texts the texts; an empty text gives just the special tokens
   * @return ids, attention mask and type ids, padded with {@link #padId()} to the longest text
   * @throws NullPointerException if a text is null (the message gives its index)
   */
  public EncodedBatch encode(List<String> texts) {
    String[] array = new String[texts.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = texts.get(i);
      if (array[i] == null) {
        throw new NullPointerException("text at index " + i + " is null");
      }
    }
    // One text at a time: DJL's batchEncode fans out to the tokenizer's own thread pool, whose
    // idle workers spin and steal CPU from inference when many threads predict at once.
    Encoding[] encodings = new Encoding[array.length];
    guard.enter();
    try {
      for (int i = 0; i < array.length; i++) {
        encodings[i] = tokenizer.encode(array[i]);
      }
    } finally {
      guard.exit();
    }
    int batch = encodings.length;
    int[] lengths = new int[batch];
    int longest = 0;
    for (int i = 0; i < batch; i++) {
      lengths[i] = encodings[i].getIds().length;
      longest = Math.max(longest, lengths[i]);
    }
    long[][] ids = new long[batch][longest];
    long[][] mask = new long[batch][longest];
    long[][] types = new long[batch][longest];
    for (int i = 0; i < batch; i++) {
      int length = lengths[i];
      System.arraycopy(encodings[i].getIds(), 0, ids[i], 0, length);
      System.arraycopy(encodings[i].getTypeIds(), 0, types[i], 0, length);
      Arrays.fill(mask[i], 0, length, 1L);
      if (padId != 0) {
        Arrays.fill(ids[i], length, longest, padId);
      }
    }
    return new EncodedBatch(ids, mask, types, lengths);
  }

  /**
   * Joins batches made by {@link #encode} into one, padding each row with {@link #padId()} to the
   * longest of them all, as if their texts had been encoded together.
   *
   * @param parts the batches, in order
   * @return one batch with every row of the parts; the part itself when there is only one
   */
  public EncodedBatch join(List<EncodedBatch> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int rows = 0;
    int longest = 0;
    for (EncodedBatch part : parts) {
      rows += part.size();
      longest = Math.max(longest, part.sequenceLength());
    }
    long[][] ids = new long[rows][];
    long[][] mask = new long[rows][];
    long[][] types = new long[rows][];
    int[] lengths = new int[rows];
    int row = 0;
    for (EncodedBatch part : parts) {
      for (int i = 0; i < part.size(); i++, row++) {
        ids[row] = widened(part.inputIds()[i], longest, padId);
        mask[row] = widened(part.attentionMask()[i], longest, 0);
        types[row] = widened(part.typeIds()[i], longest, 0);
        lengths[row] = part.lengths()[i];
      }
    }
    return new EncodedBatch(ids, mask, types, lengths);
  }

  private static long[] widened(long[] row, int length, long fill) {
    if (row.length == length) {
      return row;
    }
    long[] wide = Arrays.copyOf(row, length);
    if (fill != 0) {
      Arrays.fill(wide, row.length, length, fill);
    }
    return wide;
  }

  /** @return {@link InputKind#TEXT}: the kind of the batches {@link #encode} makes */
  public InputKind kind() {
    return InputKind.TEXT;
  }

  /** @return the maximum tokens per text, special tokens included */
  public int maxLength() {
    return maxLength;
  }

  /** @return the number of token ids (largest id + 1, added tokens included) */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** @return every token of the vocabulary with its id, e.g. {@code [MASK] -> 103} */
  public Map<String, Integer> vocabulary() {
    return vocabulary;
  }

  /**
   * @param token a token as it appears in the vocabulary, e.g. {@code [MASK]}, {@code [UNK]}
   * @return its id, or empty if the vocabulary lacks it
   */
  public OptionalLong tokenId(String token) {
    Integer id = vocabulary.get(token);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /** @return the padding id: tokenizer.json's {@code padding.pad_id}, else {@code [PAD]}'s, else 0 */
  public long padId() {
    return padId;
  }

  /** @return where the tokenizer was loaded from */
  public String location() {
    return location;
  }

  /** Frees the native tokenizer once calls in flight have finished. */
  @Override
  public void close() {
    guard.close(tokenizer::close);
  }

  private static Map<String, Integer> readVocabulary(JsonObject json) {
    Map<String, Integer> vocabulary = new HashMap<>();
    JsonObject model = json.has("model") && json.get("model").isJsonObject()
        ? json.getAsJsonObject("model") : new JsonObject();
    JsonElement vocab = model.get("vocab");
    if (vocab != null && vocab.isJsonObject()) {
      // WordPiece, BPE, WordLevel: {"token": id}
      for (Map.Entry<String, JsonElement> entry : vocab.getAsJsonObject().entrySet()) {
        vocabulary.put(entry.getKey(), entry.getValue().getAsInt());
      }
    } else if (vocab != null && vocab.isJsonArray()) {
      // Unigram: [["token", score], ...], the id being the position
      int id = 0;
      for (JsonElement entry : vocab.getAsJsonArray()) {
        vocabulary.put(entry.getAsJsonArray().get(0).getAsString(), id++);
      }
    }
    JsonElement added = json.get("added_tokens");
    if (added != null && added.isJsonArray()) {
      for (JsonElement token : added.getAsJsonArray()) {
        JsonObject object = token.getAsJsonObject();
        vocabulary.put(object.get("content").getAsString(), object.get("id").getAsInt());
      }
    }
    return Map.copyOf(vocabulary);
  }

  private static long readPadId(JsonObject json, Map<String, Integer> vocabulary) {
    JsonElement padding = json.get("padding");
    if (padding != null && padding.isJsonObject() && padding.getAsJsonObject().has("pad_id")) {
      return padding.getAsJsonObject().get("pad_id").getAsLong();
    }
    for (String token : new String[] {"[PAD]", "<pad>"}) {
      Integer id = vocabulary.get(token);
      if (id != null) {
        return id;
      }
    }
    return 0;
  }
}
