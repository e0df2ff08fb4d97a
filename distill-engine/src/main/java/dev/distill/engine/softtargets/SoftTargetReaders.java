package dev.distill.engine.softtargets;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the {@link SoftTargetReader} on the class path, or says how to put one there. */
public final class SoftTargetReaders {

    /** The artifact that brings the Parquet reader. */
    public static final String PARQUET_ARTIFACT = "dev.distill:distill-parquet";

    private SoftTargetReaders() {
    }

    /**
     * The first reader {@link ServiceLoader} finds with this class's loader (the forked engine JVM's class path).
     *
     * @throws IllegalStateException when there is none: the message names the setting and the dependency to add
     */
    public static SoftTargetReader find() {
        Iterator<SoftTargetReader> readers = ServiceLoader.load(SoftTargetReader.class,
                SoftTargetReaders.class.getClassLoader()).iterator();
        if (readers.hasNext()) {
            return readers.next();
        }
        throw new IllegalStateException(SoftTargetFolder.SETTING + " is set, but no soft-target reader is on the"
                + " engine's class path: add " + PARQUET_ARTIFACT + " (the same version as the plugin) as a"
                + " <dependency> inside the distill-maven-plugin <plugin> element of the pom"
                + " (<plugin>...<dependencies><dependency><groupId>dev.distill</groupId>"
                + "<artifactId>distill-parquet</artifactId>...), or clear " + SoftTargetFolder.SETTING);
    }
}
