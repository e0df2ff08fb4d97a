package dev.distill.runtime.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;

/** Prints the one-line JSON object that ends the output of {@code --json}. */
final class JsonLine {
  private static final Gson GSON = new GsonBuilder()
      .disableHtmlEscaping()
      .serializeSpecialFloatingPointValues()
      .create();

  private JsonLine() {}

  static void print(PrintWriter out, Object value) {
    out.println(GSON.toJson(value));
    out.flush();
  }
}
