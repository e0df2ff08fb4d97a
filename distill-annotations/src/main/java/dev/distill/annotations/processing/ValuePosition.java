package dev.distill.annotations.processing;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * Where in the source a setting of a {@code @Distill} was written: the innermost annotation that is written out, and
 * the value itself when it is written (a default has no position of its own, so it is reported at its annotation).
 *
 * @param annotation the annotation to report at
 * @param value the value to report at, or {@code null} for the whole annotation
 */
record ValuePosition(AnnotationMirror annotation, AnnotationValue value) {

    /**
     * Finds a setting by its dotted path from the {@code @Distill} annotation, e.g. {@code student.kernelSizes}; an
     * element of an array of annotations is named with its index, {@code teacher[1].model}, or without one when it is
     * alone, {@code teacher.model}.
     *
     * @param root the {@code @Distill} annotation as written
     * @param path the setting, its parts separated by dots
     * @param index the array element to point at, or -1 for the whole value
     */
    static ValuePosition locate(AnnotationMirror root, String path, int index) {
        AnnotationMirror annotation = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            int bracket = parts[i].indexOf('[');
            String name = bracket < 0 ? parts[i] : parts[i].substring(0, bracket);
            AnnotationValue value = writtenValue(annotation, name);
            if (value == null) {
                return new ValuePosition(annotation, null);
            }
            boolean last = i == parts.length - 1;
            if (!last && value.getValue() instanceof List<?> elements) {
                int element = bracket < 0 ? 0 : Integer.parseInt(parts[i].substring(bracket + 1, parts[i].length() - 1));
                if (element >= elements.size()) {
                    return new ValuePosition(annotation, value);
                }
                value = (AnnotationValue) elements.get(element);
            }
            if (!last && value.getValue() instanceof AnnotationMirror nested) {
                annotation = nested;
            } else if (!last) {
                return new ValuePosition(annotation, value);
            } else if (index >= 0 && value.getValue() instanceof List<?> elements && index < elements.size()) {
                return new ValuePosition(annotation, (AnnotationValue) elements.get(index));
            } else {
                return new ValuePosition(annotation, value);
            }
        }
        return new ValuePosition(annotation, null);
    }

    private static AnnotationValue writtenValue(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
