package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading and writing ONNX model files. */
public final class OnnxModels {

    private OnnxModels() {
    }

    /**
     * Reads an ONNX model file.
     *
     * @throws UncheckedIOException naming the file if it is missing, unreadable or not an ONNX model
     */
    public static ModelProto read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("ONNX model file not found: " + file.toAbsolutePath(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException("not an ONNX model (protobuf parse failed): " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX model " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * Writes {@code model} to {@code file} atomically: to a temporary file in the same directory, then
     * moved into place, so readers never see a half-written model. Missing parent directories are created.
     */
    public static void write(ModelProto model, Path file) {
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                model.writeTo(out);
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write ONNX model " + target + ": " + e, e);
        }
    }

    /** The serialized model. */
    public static byte[] toBytes(ModelProto model) {
        return model.toByteArray();
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The original failure is the one worth reporting.
            }
        }
    }
}
