package dev.distill.examples.spring;

import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code POST /sentiment} with {@code {"text": "..."}}: the model's label and its probability. */
@RestController
public class SentimentController {
  private final TextClassifier classifier;

  /** @param classifier the application's one model, which the starter makes the primary bean */
  public SentimentController(TextClassifier classifier) {
    this.classifier = classifier;
  }

  /**
   * @param request the text
   * @return its label and score
   */
  @PostMapping("/sentiment")
  public SentimentResponse sentiment(@RequestBody SentimentRequest request) {
    if (request.text() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "the body lacks \"text\": send {\"text\": \"a sentence\"}");
    }
    Prediction prediction = classifier.predict(request.text());
    return new SentimentResponse(prediction.label(), prediction.score());
  }

  /** @param text the text to classify */
  public record SentimentRequest(String text) {}

  /**
   * @param label the most probable label
   * @param score its probability
   */
  public record SentimentResponse(String label, float score) {}
}
