/**
 * The descriptors of a project as the engine sees them: {@link dev.distill.engine.spec.DescriptorFiles} finds and
 * reads the JSON files that the annotation processor wrote, {@link dev.distill.engine.spec.SettingOverrides} applies
 * the {@code distill.*} properties and checks the result with the processor's own rules, and
 * {@link dev.distill.engine.spec.DistillSpec} is the typed outcome. {@link dev.distill.engine.spec.DescriptorSpecs}
 * does all three for a classes directory.
 */
package dev.distill.engine.spec;
