package dev.distill.maven;

import dev.distill.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Takes single entries out of a jar, once: an entry already extracted with the same CRC is kept. */
final class JarEntries {

    private JarEntries() {
    }

    /**
     * @return the extracted file, {@code folder/<entry's file name>}
     * @throws IOException naming the jar and the entry when the entry is missing
     */
    static Path extract(Path jar, String entryName, Path folder) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null || entry.isDirectory()) {
                throw new IOException("the artifact " + jar.getFileName() + " has no entry \"" + entryName
                        + "\"; its entries: " + zip.stream().filter(e -> !e.isDirectory()
                                && !e.getName().endsWith(".class")).map(ZipEntry::getName).limit(20).toList());
            }
            Path target = folder.resolve(Path.of(entryName).getFileName().toString());
            if (Files.isRegularFile(target) && Files.size(target) == entry.getSize() && crc(target) == entry.getCrc()) {
                return target;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                AtomicFiles.write(target, in::transferTo);
            }
            return target;
        }
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
