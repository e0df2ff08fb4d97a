package dev.distill.spring;

import dev.distill.runtime.ModelFolder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a model that failed to load into Spring Boot's "APPLICATION FAILED TO START" report: what
 * is wrong (the property, the path, the file) and what to do.
 */
class DistillModelFailureAnalyzer extends AbstractFailureAnalyzer<DistillModelException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DistillModelException cause) {
    DistillModel model = cause.model();
    String action = model.path() != null
        ? "Correct " + model.propertyPrefix() + ".path, or remove it to use a model bundled on"
            + " the class path at " + ModelFolder.resourceFolder(model.name())
        : "Bundle the model at " + ModelFolder.resourceFolder(model.name()) + " (the"
            + " distill:compress goal does), or set " + model.propertyPrefix() + ".path to its"
            + " folder or jar";
    return new FailureAnalysis(cause.getMessage(), action + ".", cause);
  }
}
