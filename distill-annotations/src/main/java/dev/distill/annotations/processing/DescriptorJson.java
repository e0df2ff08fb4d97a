package dev.distill.annotations.processing;

import java.util.List;
import java.util.StringJoiner;

/**
 * Writes a checked {@code @Distill} as the descriptor JSON of {@code docs/descriptor-format.md}: every setting with
 * its default filled in, in the order the annotation types declare them, two-space indents, {@code \n} line ends.
 * The same annotation always gives the same bytes. An array of one annotation (one {@code teacher}) is written as
 * that annotation's object, so a descriptor with one teacher reads as it did before ensembles; an array of several
 * as a list of objects.
 */
final class DescriptorJson {

    /** The version of the layout; readers reject versions they do not know. */
    static final int FORMAT = 1;

    private DescriptorJson() {
    }

    /**
     * The JSON text for one descriptor.
     *
     * @param descriptorClass the binary name of the annotated type, for {@code Class.forName}
     * @param distill the values of its {@code @Distill}
     */
    static String write(String descriptorClass, AnnotationValues distill) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"format\": ").append(FORMAT).append(",\n");
        out.append("  \"descriptorClass\": ").append(JsonText.string(descriptorClass)).append(",\n");
        members(distill, "  ", out);
        return out.append("}\n").toString();
    }

    private static void members(AnnotationValues annotation, String indent, StringBuilder out) {
        List<String> names = annotation.names();
        for (int i = 0; i < names.size(); i++) {
            out.append(indent).append(JsonText.string(names.get(i))).append(": ");
            value(annotation.value(names.get(i)), indent, out);
            out.append(i < names.size() - 1 ? ",\n" : "\n");
        }
    }

    /** One annotation as its object; several as a list with one object per line block. */
    private static void annotations(List<?> list, String indent, StringBuilder out) {
        if (list.size() == 1) {
            value(list.get(0), indent, out);
            return;
        }
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append(indent).append("  ");
            value(list.get(i), indent + "  ", out);
            out.append(i < list.size() - 1 ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }

    private static void value(Object value, String indent, StringBuilder out) {
        if (value instanceof AnnotationValues nested) {
            out.append("{\n");
            members(nested, indent + "  ", out);
            out.append(indent).append('}');
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof AnnotationValues) {
            annotations(list, indent, out);
        } else if (value instanceof List<?> list) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            for (Object item : list) {
                StringBuilder element = new StringBuilder();
                value(item, indent, element);
                items.add(element);
            }
            out.append(items);
        } else if (value instanceof String text) {
            out.append(JsonText.string(text));
        } else if (value instanceof AnnotationValues.EnumConstant constant) {
            out.append(JsonText.string(constant.name()));
        } else if (value instanceof Double || value instanceof Float) {
            out.append(JsonText.number(((Number) value).doubleValue()));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("no JSON form for annotation value " + value);
        }
    }
}
