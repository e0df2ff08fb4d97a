/**
 * The Spring Boot 3 starter: one {@link dev.distill.runtime.TextClassifier} bean per distill model
 * ({@link dev.distill.spring.DistillAutoConfiguration}), configured by
 * {@link dev.distill.spring.DistillProperties}, with Actuator health
 * ({@link dev.distill.spring.DistillHealthAutoConfiguration}) and Micrometer metrics
 * ({@link dev.distill.spring.DistillMetricsAutoConfiguration}) when the application has them.
 * The runtime itself knows nothing of Spring.
 */
package dev.distill.spring;
