package dev.distill.annotations.processing;

import dev.distill.annotations.settings.Settings;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The values of one distill annotation: those written in the source, read from its mirror, and the defaults of the
 * others, read by reflection from this jar's own annotation types (the processor ships in the same jar as the
 * annotations, so they are the defaults the source was compiled against).
 *
 * <p>Why not {@code Elements.getElementValuesWithDefaults} or {@code Element.getAnnotation}: when a nested
 * annotation is left at its default ({@code student() default @Student}), javac hands out the nested defaults as
 * unresolved class-reader proxies whose {@code getValue()} throws, and its annotation proxies throw
 * {@code AnnotationTypeMismatchException}.
 *
 * <p>Values come back as String, Integer, Long, Double, Boolean, {@link EnumConstant}, a nested
 * {@code AnnotationValues}, or a List of those.
 */
final class AnnotationValues implements Settings {

    /** Thrown when a value is missing or mistyped: the annotation does not compile, and javac says so itself. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String name) {
            super("annotation value " + name + " is missing or does not compile");
        }
    }

    /** The name of an enum constant, whichever way it was read. */
    record EnumConstant(String name) {
    }

    private final Class<? extends Annotation> type;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> written;
    private final Elements elements;

    /**
     * @param type this jar's class of the annotation
     * @param mirror the annotation as written, or {@code null} when the whole annotation is a default
     */
    AnnotationValues(Class<? extends Annotation> type, AnnotationMirror mirror, Elements elements) {
        this.type = type;
        this.written = mirror == null ? Map.of() : mirror.getElementValues();
        this.elements = elements;
    }

    /** The member names in declaration order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (ExecutableElement member
                : ElementFilter.methodsIn(elements.getTypeElement(type.getCanonicalName()).getEnclosedElements())) {
            names.add(member.getSimpleName().toString());
        }
        return names;
    }

    /** The value of member {@code name}, written or default, in the forms listed on the class. */
    Object value(String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : written.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return fromMirror(name, entry.getValue().getValue(), member(name).getReturnType());
            }
        }
        Object value = member(name).getDefaultValue();
        if (value == null) {
            throw new Unreadable(name);
        }
        return fromReflection(value, member(name).getReturnType());
    }

    @Override
    public String string(String name) {
        return get(name, String.class);
    }

    @Override
    public double real(String name) {
        return get(name, Number.class).doubleValue();
    }

    @Override
    public int integer(String name) {
        return get(name, Integer.class);
    }

    @Override
    public long longInteger(String name) {
        return get(name, Number.class).longValue();
    }

    @Override
    public boolean flag(String name) {
        return get(name, Boolean.class);
    }

    /** The name of the enum constant of member {@code name}, e.g. {@code "CNN"}. */
    @Override
    public String constant(String name) {
        return get(name, EnumConstant.class).name();
    }

    @Override
    public AnnotationValues nested(String name) {
        return get(name, AnnotationValues.class);
    }

    @Override
    public List<Settings> nestedList(String name) {
        return list(name).stream().map(item -> (Settings) cast(name, item, AnnotationValues.class)).toList();
    }

    @Override
    public int[] integers(String name) {
        return list(name).stream().mapToInt(item -> cast(name, item, Integer.class)).toArray();
    }

    @Override
    public String[] strings(String name) {
        return list(name).stream().map(item -> cast(name, item, String.class)).toArray(String[]::new);
    }

    /** Whether member {@code name} is written out in this annotation (a nested default annotation has none). */
    @Override
    public boolean isWritten(String name) {
        return written.keySet().stream().anyMatch(member -> member.getSimpleName().contentEquals(name));
    }

    private List<?> list(String name) {
        return get(name, List.class);
    }

    private <T> T get(String name, Class<T> wanted) {
        return cast(name, value(name), wanted);
    }

    private static <T> T cast(String name, Object value, Class<T> wanted) {
        if (!wanted.isInstance(value)) {
            throw new Unreadable(name);
        }
        return wanted.cast(value);
    }

    private Method member(String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            // The source was compiled against another version of the annotations than this processor's.
            throw new Unreadable(name);
        }
    }

    @SuppressWarnings("unchecked")
    private Object fromMirror(String name, Object value, Class<?> returnType) {
        if (value instanceof AnnotationMirror nested) {
            return new AnnotationValues((Class<? extends Annotation>) returnType, nested, elements);
        }
        if (value instanceof VariableElement constant) {
            return new EnumConstant(constant.getSimpleName().toString());
        }
        if (value instanceof List<?> items) {
            List<Object> result = new ArrayList<>();
            for (Object item : items) {
                result.add(fromMirror(name, ((AnnotationValue) item).getValue(), returnType.getComponentType()));
            }
            return result;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new Unreadable(name);
    }

    @SuppressWarnings("unchecked")
    private Object fromReflection(Object value, Class<?> returnType) {
        if (value instanceof Annotation) {
            return new AnnotationValues((Class<? extends Annotation>) returnType, null, elements);
        }
        if (value instanceof Enum<?> constant) {
            return new EnumConstant(constant.name());
        }
        if (value.getClass().isArray()) {
            List<Object> result = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                result.add(fromReflection(Array.get(value, i), returnType.getComponentType()));
            }
            return result;
        }
        return value;
    }
}
