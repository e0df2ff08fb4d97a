package dev.distill.annotations.processing;

import dev.distill.annotations.settings.Diagnostics;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The diagnostics for one {@code @Distill} descriptor, each placed on the annotation value it is about so that the
 * compiler (and an IDE) points at the offending setting.
 */
final class Report implements Diagnostics {

    static final String PREFIX = "distill: ";

    private final Messager messager;
    private final Element descriptor;
    private final AnnotationMirror distill;
    private int errors;

    Report(Messager messager, Element descriptor, AnnotationMirror distill) {
        this.messager = messager;
        this.descriptor = descriptor;
        this.distill = distill;
    }

    /** The {@code @Distill} annotation as written, to ask which settings are written out. */
    AnnotationMirror annotation() {
        return distill;
    }

    /** Reports an error at the setting with the dotted {@code path}, e.g. {@code data.train}. */
    @Override
    public void error(String path, String message) {
        errorAt(path, -1, message);
    }

    /** Reports an error at element {@code index} of the array setting {@code path}. */
    @Override
    public void errorAt(String path, int index, String message) {
        errors++;
        print(Diagnostic.Kind.ERROR, ValuePosition.locate(distill, path, index), message);
    }

    /** Reports a warning at the setting with the dotted {@code path}: legal, but probably not what was meant. */
    @Override
    public void warning(String path, String message) {
        print(Diagnostic.Kind.WARNING, ValuePosition.locate(distill, path, -1), message);
    }

    /** Reports an error about the descriptor type itself, at its {@code @Distill}. */
    void errorOnDescriptor(String message) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, PREFIX + message, descriptor, distill);
    }

    /** The number of errors reported so far. */
    int errors() {
        return errors;
    }

    private void print(Diagnostic.Kind kind, ValuePosition position, String message) {
        messager.printMessage(kind, PREFIX + message, descriptor, position.annotation(), position.value());
    }
}
