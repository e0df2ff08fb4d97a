package dev.distill.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** distill:help, over the plugin.xml that Maven reads, lists the goals' parameters and every descriptor setting. */
class HelpTextTest {

    private static PluginDescriptor plugin;

    @BeforeAll
    static void readThePluginDescriptor() throws Exception {
        try (Reader in = new InputStreamReader(HelpTextTest.class.getResourceAsStream("/META-INF/maven/plugin.xml"),
                StandardCharsets.UTF_8)) {
            plugin = new PluginDescriptorBuilder().build(in);
        }
    }

    @Test
    void detailListsEverySettingWithItsDefaultAndRange() {
        String help = HelpText.of(plugin, null, true, 100);
        List<String> lines = help.lines().toList();
        assertTrue(lines.contains("  distill.alpha: a number, default 0.7, in [0, 1]"), help);
        // Six architectures wrap the line at 100 characters.
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  distill.student.architecture: one of BILSTM,")),
                help);
        assertTrue(help.replaceAll("\\s+", " ").contains(" distill.student.architecture: one of BILSTM, CNN,"
                + " BAG_OF_EMBEDDINGS, TRANSFORMER, MLP, IMAGE_CNN, default BILSTM "), help);
        assertTrue(lines.contains("  distill.data.train: text, required"), help);
        assertTrue(help.contains("    alpha weighs the teacher's soft targets against the gold labels"), help);
        assertFalse(help.contains("distill.name:"), "name cannot be overridden");
    }

    @Test
    void detailListsTheRangeOfAnArraySettingsElements() {
        List<String> lines = HelpText.of(plugin, null, true, 200).lines().toList();
        int kernelSizes = lines.indexOf("  distill.student.kernelSizes: integers separated by commas, default 3,4,5,"
                + " in [1, 16]");
        assertTrue(kernelSizes > 0, String.join("\n", lines));
        assertEquals("    a kernel size is a convolution width in tokens", lines.get(kernelSizes + 1));
    }

    @Test
    void detailListsTheGoalsParametersWithTheirProperties() {
        String help = HelpText.of(plugin, "compress", true, 100);
        assertTrue(help.contains("distill:compress"), help);
        List<String> lines = help.lines().toList();
        int device = lines.indexOf("    device (Default: AUTO)");
        assertTrue(device > 0, help);
        assertEquals("      User property: distill.device", lines.get(device + 1));
        assertFalse(help.contains("    project"), "read-only parameters are not the user's to set");
        assertFalse(help.contains("distill:help"), "only the goal asked for");
    }

    @Test
    void withoutDetailItNamesTheGoalsAndSaysHowToSeeMore() {
        String help = HelpText.of(plugin, null, false, 100);
        assertTrue(help.contains("This plugin has 2 goals:"), help);
        assertTrue(help.contains("distill:compress") && help.contains("distill:help"), help);
        assertFalse(help.contains("distill.alpha"), help);
        assertTrue(help.contains("mvn distill:help -Ddetail lists every parameter"), help);
    }

    @Test
    void anUnknownGoalNamesTheGoals() {
        assertTrue(HelpText.of(plugin, "compres", false, 100).contains("There is no goal compres; the goals are"));
    }

    @Test
    void wrapsLongTextAtTheWidth() {
        for (String line : HelpText.of(plugin, null, true, 60).lines().toList()) {
            assertTrue(line.length() <= 60 || !line.strip().contains(" "), line);
            assertEquals(line.stripTrailing(), line);
        }
        assertEquals(HelpText.of(plugin, null, true, 100), HelpText.of(plugin, "", true, 100));
    }
}
