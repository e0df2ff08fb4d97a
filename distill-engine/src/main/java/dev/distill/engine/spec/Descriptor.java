package dev.distill.engine.spec;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * One descriptor JSON as the annotation processor wrote it (see {@code docs/descriptor-format.md}).
 *
 * @param name the descriptor's {@code name}
 * @param file the file it was read from
 * @param json its content; treat it as read-only ({@link SettingOverrides#apply} works on a copy)
 */
public record Descriptor(String name, Path file, JsonObject json) {
}
