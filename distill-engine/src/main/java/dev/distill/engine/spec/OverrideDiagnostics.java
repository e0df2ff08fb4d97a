package dev.distill.engine.spec;

import dev.distill.annotations.settings.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what the shared checks find in a descriptor with overrides, and names each overridden setting by the
 * property that set it: {@code distill.alpha = 1.5 (from -Ddistill.alpha) is outside [0, 1]: ...}. A setting from the
 * descriptor itself is named as the compiler names it.
 */
final class OverrideDiagnostics implements Diagnostics {

    private final Map<String, String> propertyBySetting;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** @param propertyBySetting the property that set each overridden setting, by dotted setting path */
    OverrideDiagnostics(Map<String, String> propertyBySetting) {
        this.propertyBySetting = propertyBySetting;
    }

    @Override
    public void error(String setting, String message) {
        errors.add(message);
    }

    @Override
    public void errorAt(String setting, int index, String message) {
        errors.add(message);
    }

    @Override
    public void warning(String setting, String message) {
        warnings.add(message);
    }

    @Override
    public String describe(String setting) {
        String property = property(setting);
        return property == null ? setting : SettingOverrides.PREFIX + setting + " (from -D" + property + ")";
    }

    @Override
    public String describe(String setting, String value) {
        String property = property(setting);
        return property == null ? setting + " = " + value
                : SettingOverrides.PREFIX + setting + " = " + value + " (from -D" + property + ")";
    }

    List<String> errors() {
        return errors;
    }

    List<String> warnings() {
        return warnings;
    }

    /**
     * The property that set a setting, or null; an element {@code kernelSizes[1]} was set with its list, while
     * {@code teacher[1].model} is a setting of its own.
     */
    private String property(String setting) {
        return propertyBySetting.get(setting.replaceFirst("\\[\\d+\\]$", ""));
    }
}
