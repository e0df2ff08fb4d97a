package dev.distill.engine.spec;

import java.util.List;
import java.util.Map;

/**
 * A descriptor with its overrides applied and checked.
 *
 * @param spec the settings, typed
 * @param warnings settings that are legal but probably a mistake, one message each (the same wording as the
 *     compiler's warnings); only about settings that a property changed, since the compiler has warned about the
 *     annotation already
 * @param overrides the properties that changed this descriptor, by property name (e.g. {@code distill.alpha} or
 *     {@code distill.sentiment.alpha}) with the value as given, sorted; an unqualified property that a qualified one
 *     beat is not among them
 */
public record ResolvedSpec(DistillSpec spec, List<String> warnings, Map<String, String> overrides) {

    /** Copies the lists. */
    public ResolvedSpec {
        warnings = List.copyOf(warnings);
        overrides = Map.copyOf(overrides);
    }
}
