/**
 * The rules for a descriptor's settings, independent of where the settings come from: implement
 * {@link dev.distill.annotations.settings.Settings} and {@link dev.distill.annotations.settings.Diagnostics} and call
 * {@link dev.distill.annotations.settings.DescriptorChecks#check}. The annotation processor uses them on
 * {@code @Distill}; the plugin uses them on the descriptor JSON with its overrides applied.
 */
package dev.distill.annotations.settings;
