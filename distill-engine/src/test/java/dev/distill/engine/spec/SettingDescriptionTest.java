package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What help lists about each setting comes from the annotation's defaults and the checks' ranges. */
class SettingDescriptionTest {

    private static final Map<String, SettingDescription> BY_PROPERTY = SettingDescription.all().stream()
            .collect(Collectors.toMap(SettingDescription::property, Function.identity()));

    @Test
    void listsTheDefaultAndTheRangeTheChecksApply() {
        SettingDescription alpha = BY_PROPERTY.get("distill.alpha");
        assertEquals("a number", alpha.type());
        assertEquals(Optional.of("0.7"), alpha.defaultValue());
        assertEquals(Optional.of("[0, 1]"), alpha.range());
        assertTrue(alpha.purpose().orElseThrow().startsWith("alpha weighs"), alpha.purpose().toString());
        assertEquals(Optional.of("[1, 1000]"), BY_PROPERTY.get("distill.epochs").range());
        assertEquals(Optional.of("10"), BY_PROPERTY.get("distill.epochs").defaultValue());
        assertEquals(Optional.of("(0, 0.5]"), BY_PROPERTY.get("distill.data.devFraction").range());
        assertEquals(Optional.of("[0, 8192]"), BY_PROPERTY.get("distill.teacher.maxLength").range());
        assertEquals(Optional.of("[0, 100]"), BY_PROPERTY.get("distill.augmentation.copies").range());
    }

    @Test
    void anUnsetNumberShowsTheRangeItIsCheckedAgainstOnceSet() {
        SettingDescription finalTemperature = BY_PROPERTY.get("distill.finalTemperature");
        assertEquals(Optional.of("unset"), finalTemperature.defaultValue());
        assertEquals(Optional.of("(0, 100]"), finalTemperature.range());
    }

    @Test
    void describesListsConstantsAndSettingsWithoutADefault() {
        assertEquals(Optional.of("3,4,5"), BY_PROPERTY.get("distill.student.kernelSizes").defaultValue());
        assertEquals("integers separated by commas", BY_PROPERTY.get("distill.student.kernelSizes").type());
        assertEquals(Optional.of("[1, 16]"), BY_PROPERTY.get("distill.student.kernelSizes").range(),
                "an array setting's range is its elements'");
        assertEquals(Optional.of("\"\""), BY_PROPERTY.get("distill.data.labels").defaultValue());
        SettingDescription architecture = BY_PROPERTY.get("distill.student.architecture");
        assertEquals(Optional.of("BILSTM"), architecture.defaultValue());
        assertTrue(architecture.type().startsWith("one of BILSTM, CNN"), architecture.type());
        assertEquals(Optional.empty(), architecture.range());
        assertEquals(Optional.empty(), BY_PROPERTY.get("distill.data.train").defaultValue());
    }

    @Test
    void listsEverySettingAPropertyMayChangeAndNoOther() {
        List<String> properties = SettingDescription.all().stream().map(SettingDescription::property).toList();
        assertFalse(properties.contains("distill.name"), "name identifies the descriptor and cannot be overridden");
        assertEquals(SettingCatalog.settings().size() - SettingCatalog.FIXED.size(), properties.size());
        for (String property : properties) {
            assertTrue(SettingCatalog.type(property.substring(SettingOverrides.PREFIX.length())) != null, property);
        }
    }
}
