package dev.distill.runtime.serve;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a predict call, parsed strictly: {@code {"inputs": "text"}} or
 * {@code {"inputs": ["a", "b"]}}, optionally {@code "all": true}. Anything else is a 400 (413 past
 * a {@link ServeLimits limit}) whose message says what was wrong and what is expected.
 *
 * @param texts the texts, at least one
 * @param single whether {@code inputs} was one string (answered with one list, not a list of lists)
 * @param all whether to answer every label's probability, not only the best one
 */
record PredictRequest(List<String> texts, boolean single, boolean all) {
  static final String INPUTS = "inputs";
  static final String ALL = "all";
  private static final Set<String> KEYS = Set.of(INPUTS, ALL);
  private static final String EXPECTED =
      "; send {\"inputs\": \"a text\"} or {\"inputs\": [\"a text\", \"another\"]}, optionally with \"all\": true";
  private static final Gson GSON = new Gson();

  static PredictRequest parse(byte[] body, ServeLimits limits) {
    JsonObject object = parseObject(decode(body));
    for (String key : object.keySet()) {
      if (!KEYS.contains(key)) {
        throw new HttpError(400, "unknown key \"" + key + "\" in the request body; the keys are \""
            + INPUTS + "\" and \"" + ALL + "\"" + EXPECTED);
      }
    }
    JsonElement inputs = object.get(INPUTS);
    if (inputs == null || inputs.isJsonNull()) {
      throw new HttpError(400, "the request body has no \"" + INPUTS + "\"" + EXPECTED);
    }
    boolean all = parseAll(object.get(ALL));
    if (isString(inputs)) {
      return new PredictRequest(List.of(checkLength(inputs.getAsString(), 0, limits)), true, all);
    }
    if (!inputs.isJsonArray()) {
      throw new HttpError(400, "\"" + INPUTS + "\" must be a string or a list of strings, found "
          + kind(inputs) + EXPECTED);
    }
    JsonArray array = inputs.getAsJsonArray();
    if (array.isEmpty()) {
      throw new HttpError(400, "\"" + INPUTS + "\" is an empty list: give at least one text" + EXPECTED);
    }
    if (array.size() > limits.maxTexts()) {
      throw new HttpError(413, "\"" + INPUTS + "\" holds " + array.size() + " texts, more than the"
          + " limit of " + limits.maxTexts() + " per request; split them over several requests"
          + " or raise --max-texts");
    }
    List<String> texts = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement text = array.get(i);
      if (!isString(text)) {
        throw new HttpError(400, "\"" + INPUTS + "\"[" + i + "] must be a string, found "
            + kind(text) + EXPECTED);
      }
      texts.add(checkLength(text.getAsString(), i, limits));
    }
    return new PredictRequest(List.copyOf(texts), false, all);
  }

  /** Strict UTF-8: malformed bytes are an error, not silently replaced with U+FFFD. */
  private static String decode(byte[] body) {
    if (body.length == 0) {
      throw new HttpError(400, "the request body is empty" + EXPECTED);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpError(400, "the request body is not valid UTF-8 (" + e.getMessage()
          + "); encode the JSON body as UTF-8");
    }
  }

  /** A strict (not lenient) Gson reader: no comments, single quotes, NaN or trailing text. */
  private static JsonObject parseObject(String text) {
    JsonElement root;
    JsonReader reader = new JsonReader(new StringReader(text)); // over a string: nothing to close
    reader.setLenient(false);
    try {
      root = GSON.getAdapter(JsonElement.class).read(reader);
    } catch (IOException | RuntimeException e) {
      throw new HttpError(400, "the request body is not valid JSON: " + gsonProblem(e) + EXPECTED);
    }
    try {
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new IOException("a second value");
      }
    } catch (IOException | RuntimeException e) {
      throw new HttpError(400, "the request body holds more than one JSON value, or text after"
          + " it" + EXPECTED);
    }
    if (root == null || !root.isJsonObject()) {
      throw new HttpError(400, "the request body must be a JSON object, found "
          + (root == null ? "nothing" : kind(root)) + EXPECTED);
    }
    return root.getAsJsonObject();
  }

  /** Gson's message without its advice to parse leniently, which is meant for Gson's users. */
  private static String gsonProblem(Exception e) {
    String message = String.valueOf(e.getMessage());
    int see = message.indexOf("\nSee ");
    message = see >= 0 ? message.substring(0, see) : message;
    return message.replaceFirst("Use JsonReader\\.setStrictness\\(Strictness\\.LENIENT\\) to accept"
        + " malformed JSON ", "malformed JSON ").replaceFirst("Use JsonReader\\.setLenient\\(true\\) to"
        + " accept malformed JSON ", "malformed JSON ");
  }

  private static boolean parseAll(JsonElement all) {
    if (all == null || all.isJsonNull()) {
      return false;
    }
    if (all.isJsonPrimitive() && all.getAsJsonPrimitive().isBoolean()) {
      return all.getAsBoolean();
    }
    throw new HttpError(400, "\"" + ALL + "\" must be true or false, found " + kind(all));
  }

  private static String checkLength(String text, int index, ServeLimits limits) {
    if (text.length() > limits.maxTextChars()) {
      throw new HttpError(413, "text " + index + " of \"" + INPUTS + "\" has " + text.length()
          + " characters, more than the limit of " + limits.maxTextChars() + "; shorten it (the"
          + " model reads only its first tokens anyway) or raise --max-text-chars");
    }
    return text;
  }

  private static boolean isString(JsonElement element) {
    return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
  }

  /** @return what a JSON value is, for messages: "a number (5)", "an object", ... */
  private static String kind(JsonElement element) {
    if (element.isJsonNull()) {
      return "null";
    }
    if (element.isJsonObject()) {
      return "an object";
    }
    if (element.isJsonArray()) {
      return "a list";
    }
    var primitive = element.getAsJsonPrimitive();
    String value = element.toString();
    value = value.length() > 40 ? value.substring(0, 37) + "..." : value;
    return (primitive.isBoolean() ? "a boolean" : primitive.isNumber() ? "a number" : "a string")
        + " (" + value + ")";
  }
}
