package dev.distill.annotations.processing;

import dev.distill.annotations.Distill;
import dev.distill.annotations.settings.DescriptorChecks;
import dev.distill.annotations.settings.Diagnostics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Checks every {@link Distill @Distill} descriptor at compile time and writes
 * {@code META-INF/distill/descriptors/<name>.json} for each one without errors. Each problem is reported on the
 * annotation value it is about, naming the setting, the value and what is allowed.
 *
 * <p>javac finds this processor on the class path through {@code META-INF/services}; no compiler configuration is
 * needed (on JDK 23 and later, where processing is off by default, add {@code -proc:full}). Options:
 * {@code -Adistill.basedir=<dir>} (the folder that relative paths start from; default: the nearest folder with a
 * {@code pom.xml} above the descriptor's source file), {@code -Adistill.checkFiles=false} (skip the checks that
 * files exist, for files created later in the build or overridden when the plugin runs),
 * {@code -Adistill.allowOutsidePaths=true} (allow absolute paths and paths that leave the base directory).
 */
public final class DistillProcessor extends AbstractProcessor {

    /** Where the descriptor JSON files go in the class output, and so in the jar. */
    public static final String DESCRIPTOR_FOLDER = "META-INF/distill/descriptors/";

    /** The version of the descriptor JSON layout that this processor writes ({@code "format"}). */
    public static final int DESCRIPTOR_FORMAT = DescriptorJson.FORMAT;

    /** Names seen in this compilation, over all rounds, with the descriptor class that took each. */
    private final Map<String, String> namesTaken = new HashMap<>();
    private ProcessorOptions options;
    private BaseDirectoryLocator baseDirectories;

    /** Creates the processor; javac calls this through the service loader. */
    public DistillProcessor() {
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Distill.class.getCanonicalName());
    }

    @Override
    public Set<String> getSupportedOptions() {
        return ProcessorOptions.names();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        options = ProcessorOptions.parse(environment.getOptions(),
                message -> environment.getMessager().printMessage(Diagnostic.Kind.ERROR, Report.PREFIX + message));
        baseDirectories = new BaseDirectoryLocator(environment, options.baseDir());
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(Distill.class)) {
            AnnotationMirror mirror = distillMirror(element);
            if (mirror != null) {
                processDescriptor(element, mirror);
            }
        }
        // Not claimed: other processors may look at @Distill too.
        return false;
    }

    private void processDescriptor(Element element, AnnotationMirror mirror) {
        Report report = new Report(processingEnv.getMessager(), element, mirror);
        AnnotationValues distill = new AnnotationValues(Distill.class, mirror, processingEnv.getElementUtils());
        try {
            check(element, distill, report);
        } catch (AnnotationValues.Unreadable e) {
            // The annotation itself does not compile; javac reports that, and nothing more can be checked.
            return;
        }
        if (report.errors() == 0) {
            write(element, distill, report);
        }
    }

    private void check(Element element, AnnotationValues distill, Report report) {
        if (element.getKind() == ElementKind.ANNOTATION_TYPE) {
            report.errorOnDescriptor("@Distill is on the annotation type " + element + ": put it on an interface or"
                    + " class (the descriptor), which the runtime loads by name");
        }
        String descriptorClass = binaryName(element);
        String name = distill.string("name");
        if (DescriptorChecks.checkName(distill, report)) {
            String previous = namesTaken.putIfAbsent(name, descriptorClass);
            if (previous != null && !previous.equals(descriptorClass)) {
                report.error("name", "name = " + Diagnostics.quote(name) + " is already used by the"
                        + " descriptor " + previous + ": each descriptor needs its own name, since the name is its"
                        + " folder in the jar");
            }
        }
        DescriptorChecks.checkSettings(distill, report, options.pathChecker(baseDirectories.locate(element)));
    }

    private void write(Element element, AnnotationValues distill, Report report) {
        String name = distill.string("name");
        byte[] bytes = DescriptorJson.write(binaryName(element), distill).getBytes(StandardCharsets.UTF_8);
        try {
            FileObject file = processingEnv.getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", DESCRIPTOR_FOLDER + name + ".json", element);
            try (OutputStream out = file.openOutputStream()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            report.errorOnDescriptor("cannot write " + DESCRIPTOR_FOLDER + name + ".json: " + e);
        }
    }

    private String binaryName(Element element) {
        return processingEnv.getElementUtils().getBinaryName((TypeElement) element).toString();
    }

    private AnnotationMirror distillMirror(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element type = mirror.getAnnotationType().asElement();
            if (type instanceof TypeElement typeElement
                    && typeElement.getQualifiedName().contentEquals(Distill.class.getCanonicalName())) {
                return mirror;
            }
        }
        return null;
    }
}
