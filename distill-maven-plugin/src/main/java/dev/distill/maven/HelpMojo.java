package dev.distill.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows the goals of the plugin. {@code mvn distill:help -Ddetail} also lists their parameters and every descriptor
 * setting ({@code distill.<setting>}) with its default and allowed range; {@code -Dgoal=compress} shows one goal.
 */
@Mojo(name = "help", requiresProject = false, threadSafe = true)
public final class HelpMojo extends AbstractMojo {

    /** Lists the parameters of each goal and every descriptor setting. */
    @Parameter(property = "detail", defaultValue = "false")
    private boolean detail;

    /** The goal to show; unset, all of them. */
    @Parameter(property = "goal")
    private String goal;

    /** The longest line printed. */
    @Parameter(property = "lineLength", defaultValue = "100")
    private int lineLength;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() {
        getLog().info(System.lineSeparator() + HelpText.of(plugin, goal, detail, Math.max(lineLength, 40)));
    }
}
