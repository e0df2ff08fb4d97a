package dev.distill.engine.teacher;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A linear-probe teacher kept as a classifier folder: fitted once, then reused as long as the
 * encoder, tokenizer, training texts, labels and settings are the same (their hash is stored in
 * config.json), and always served through {@link OnnxClassifierTeacher} (in the build that fits it, with the
 * fit's embeddings in front: {@link ProbeEmbeddingsTeacher}).
 */
public final class ProbeTeacherFolder {

    private static final String KEY = "key";

    private ProbeTeacherFolder() {
    }

    /**
     * The hash of everything that decides the fitted probe.
     *
     * @param labels class index per text
     */
    public static String key(Path encoderFile, Path tokenizerFile, List<String> texts, int[] labels,
            List<String> labelNames, LinearProbeTeacher.Settings settings) {
        ContentHash hash = new ContentHash().add("probe folder v1").addFile(encoderFile).addFile(tokenizerFile)
                .add(String.join("\n", labelNames)).add(settings.maxLength()).add(settings.regression().toString())
                .add(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            hash.add(texts.get(i)).add(labels[i]);
        }
        return hash.hex();
    }

    /**
     * The probe teacher in {@code folder}: reused when the folder holds a probe fitted on the same
     * inputs, otherwise fitted now and written there (whole, atomically). A probe fitted now comes as a
     * {@link ProbeEmbeddingsTeacher}, which answers the training texts from the embeddings the fit computed
     * instead of running the encoder over them a second time; a reused one is the folder's classifier.
     *
     * @param progress told how many training texts are embedded (only when fitting)
     */
    public static Teacher fitOrReuse(Path folder, Path encoderFile, Path tokenizerFile,
            List<String> texts, int[] labels, List<String> labelNames, LinearProbeTeacher.Settings settings,
            ProgressListener progress) {
        String key = key(encoderFile, tokenizerFile, texts, labels, labelNames, settings);
        if (key.equals(storedKey(folder))) {
            return OnnxClassifierTeacher.openFolder(folder, settings.maxLength(), settings.intraOpThreads());
        }
        LinearHead head;
        Map<String, float[]> embeddings;
        try (LinearProbeTeacher probe = LinearProbeTeacher.fit(encoderFile, tokenizerFile, texts, labels,
                labelNames, settings, progress)) {
            write(probe, folder, key);
            head = probe.head();
            embeddings = probe.trainingEmbeddings();
        }
        return new ProbeEmbeddingsTeacher(
                OnnxClassifierTeacher.openFolder(folder, settings.maxLength(), settings.intraOpThreads()), head,
                embeddings);
    }

    /** Writes a fitted probe as a classifier folder that {@link #fitOrReuse} reuses for {@code key}. */
    public static void write(LinearProbeTeacher probe, Path folder, String key) {
        JsonObject extra = new JsonObject();
        extra.addProperty(KEY, key);
        probe.writeClassifierFolder(folder, extra);
    }

    /** The key stored in a probe folder's config.json, or null when there is none. */
    static String storedKey(Path folder) {
        ModelFolder probe = ModelFolder.at(folder);
        if (!Files.isRegularFile(probe.config()) || !Files.isRegularFile(probe.model())) {
            return null;
        }
        try {
            JsonElement section = probe.readConfig().json().get(LinearProbeTeacher.CONFIG_SECTION);
            if (section == null || !section.isJsonObject() || !section.getAsJsonObject().has(KEY)) {
                return null;
            }
            return section.getAsJsonObject().get(KEY).getAsString();
        } catch (ModelLoadException | IllegalStateException | UnsupportedOperationException e) {
            return null; // an unreadable folder is simply fitted again
        }
    }
}
