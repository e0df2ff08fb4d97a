package dev.distill.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.job.PluginProperties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The goal's distill.* properties, as Maven sees them in plugin.xml, are exactly the ones the engine ignores. */
class PluginPropertiesTest {

    @Test
    void theCompressGoalsPropertiesAreTheDeclaredOnes() throws Exception {
        Set<String> properties = new TreeSet<>();
        GoalDescriptor.expressions("compress").values().stream()
                .filter(expression -> expression.startsWith("${distill."))
                .map(expression -> expression.substring(2, expression.length() - 1))
                .forEach(properties::add);
        assertEquals(new TreeSet<>(PluginProperties.GOAL_PARAMETERS), properties);
    }

    @Test
    void theVersionPropertyIsIgnoredButIsNoParameter() {
        assertTrue(PluginProperties.ALL.containsAll(PluginProperties.GOAL_PARAMETERS));
        assertTrue(PluginProperties.ALL.contains(PluginProperties.VERSION));
        assertFalse(PluginProperties.GOAL_PARAMETERS.contains(PluginProperties.VERSION));
    }
}
