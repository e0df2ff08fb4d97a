package dev.distill.spring;

import dev.distill.runtime.TextClassifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures one {@link TextClassifier} bean per distill model: every model bundled on the
 * class path ({@code META-INF/distill/<name>/}) and every {@code distill.models.<name>.path}. See
 * {@link ClassifierRegistrar} for the beans' names, qualifiers and life cycle, and
 * {@link DistillProperties} for the settings.
 */
@AutoConfiguration
@ConditionalOnClass(TextClassifier.class)
@EnableConfigurationProperties(DistillProperties.class)
@Import(ClassifierRegistrar.class)
public class DistillAutoConfiguration {}
