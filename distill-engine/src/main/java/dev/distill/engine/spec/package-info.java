/**
 * The descriptors of a project as the engine sees them: {@link dev.distill.engine.spec.DescriptorFiles} finds and
 * reads the JSON files that the annotation processor wrote, {@link dev.distill.engine.spec.SettingOverrides} applies
 * the {@code distill.*} properties and checks the result with the processor's own rules, and
 * {@link dev.distill.engine.spec.DistillSpec} is the typed outcome. {@link dev.distill.engine.spec.DescriptorSpecs}
 * does all three for a classes directory.
 *
 * <p>Words: a <em>setting</em> is what the user wrote, in the annotation or as a property; {@code DistillSpec} and
 * its {@code ...Settings} groups hold them, typed, as written. {@code Plans} turns them into what the engine runs
 * ({@code DistillationPlan}, {@code TrainingConfig}, ...), and {@link dev.distill.engine.spec.DescriptorDefaults}
 * gives their defaults to code that builds such plans without a descriptor.
 */
package dev.distill.engine.spec;
