package dev.distill.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a model that failed to load into Spring Boot's "APPLICATION FAILED TO START" report: what
 * is wrong (the property, the path, the file) and what to do.
 */
class DistillModelFailureAnalyzer extends AbstractFailureAnalyzer<DistillModelException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DistillModelException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Point distill.models.<name>.path at a classifier folder (model.onnx, tokenizer.json,"
            + " config.json) or a jar packaging META-INF/distill/<name>/, or bundle the model with"
            + " the distill:compress goal; a model named in distill.models without a path must be"
            + " bundled on the class path.", cause);
  }
}
