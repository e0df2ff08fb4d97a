package dev.distill.maven;

import dev.distill.engine.spec.SettingDescription;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * What {@code mvn distill:help} prints: the goals from the plugin's descriptor and, with {@code -Ddetail}, their
 * parameters and every {@code distill.<setting>} with its default and range ({@link SettingDescription}). Maven's
 * generated help knows the goals' parameters only, and most of what a user sets are descriptor settings.
 */
final class HelpText {

    private static final String INDENT = "  ";

    private final int width;
    private final List<String> lines = new ArrayList<>();

    private HelpText(int width) {
        this.width = width;
    }

    /**
     * @param plugin the plugin's descriptor, as Maven read it from plugin.xml
     * @param goal the one goal to show, or null (or blank) for all
     * @param detail whether to list parameters and settings
     * @param width the longest line; longer text is wrapped at spaces
     */
    static String of(PluginDescriptor plugin, String goal, boolean detail, int width) {
        HelpText text = new HelpText(width);
        text.plugin(plugin, goal == null || goal.isBlank() ? null : goal.trim(), detail);
        return String.join(System.lineSeparator(), text.lines);
    }

    private void plugin(PluginDescriptor plugin, String goal, boolean detail) {
        add(0, plugin.getName() + " " + plugin.getVersion());
        add(1, plugin.getDescription());
        lines.add("");
        List<MojoDescriptor> mojos = plugin.getMojos().stream()
                .filter(mojo -> goal == null || mojo.getGoal().equals(goal)).toList();
        if (mojos.isEmpty()) {
            add(0, "There is no goal " + goal + "; the goals are " + String.join(", ",
                    plugin.getMojos().stream().map(MojoDescriptor::getGoal).toList()) + ".");
            return;
        }
        if (goal == null) {
            add(0, "This plugin has " + mojos.size() + " goals:");
            lines.add("");
        }
        for (MojoDescriptor mojo : mojos) {
            goal(plugin, mojo, detail);
        }
        if (!detail) {
            add(0, "mvn " + plugin.getGoalPrefix() + ":help -Ddetail lists every parameter and every descriptor"
                    + " setting (distill.<setting>) with its default and range.");
        } else if (mojos.stream().anyMatch(mojo -> mojo.getImplementation().equals(CompressMojo.class.getName()))) {
            settings();
        }
    }

    private void goal(PluginDescriptor plugin, MojoDescriptor mojo, boolean detail) {
        add(0, plugin.getGoalPrefix() + ":" + mojo.getGoal());
        add(1, mojo.getDescription());
        lines.add("");
        if (!detail) {
            return;
        }
        List<Parameter> parameters = mojo.getParameters() == null ? List.of()
                : mojo.getParameters().stream().filter(Parameter::isEditable).toList();
        if (parameters.isEmpty()) {
            return;
        }
        add(1, "Available parameters:");
        lines.add("");
        for (Parameter parameter : parameters) {
            add(2, parameter.getName() + (parameter.getDefaultValue() == null ? ""
                    : " (Default: " + parameter.getDefaultValue() + ")"));
            String expression = parameter.getExpression();
            if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
                add(3, "User property: " + expression.substring(2, expression.length() - 1));
            }
            add(3, parameter.getDescription());
            lines.add("");
        }
    }

    private void settings() {
        add(0, "Descriptor settings: every setting of @Distill and of its nested annotations is also a property"
                + " distill.<setting>, for every descriptor, or distill.<name>.<setting>, for the descriptor of that"
                + " name only; on the command line (-Ddistill.epochs=3), in the pom's <properties> or in the compress"
                + " goal's <settings>. A property wins over the annotation.");
        lines.add("");
        for (SettingDescription setting : SettingDescription.all()) {
            add(1, setting.property() + ": " + setting.type()
                    + setting.defaultValue().map(value -> ", default " + value).orElse(", required")
                    + setting.range().map(range -> ", in " + range).orElse(""));
            setting.purpose().ifPresent(purpose -> add(2, purpose));
        }
    }

    /** Adds {@code text} at an indentation level, wrapped; each of its lines is a paragraph. */
    private void add(int level, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String indent = INDENT.repeat(level);
        for (String paragraph : text.strip().split("\\R")) {
            if (paragraph.isBlank()) {
                lines.add("");
                continue;
            }
            StringBuilder line = new StringBuilder(indent);
            for (String word : paragraph.strip().split(" +")) {
                if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(indent);
                }
                line.append(line.length() > indent.length() ? " " : "").append(word);
            }
            lines.add(line.toString());
        }
    }
}
