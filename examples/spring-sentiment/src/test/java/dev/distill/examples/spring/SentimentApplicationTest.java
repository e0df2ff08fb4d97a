package dev.distill.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.testing.StudentFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port, called over HTTP, on a real int8 student that the runtime's
 * test fixtures make (the build has no examples/sentiment jar to offer).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SentimentApplicationTest {
  private static final String TEXT = "a gripping, funny and moving film";

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("distill.models.sentiment.path", () -> StudentFixture.classifier().toString());
  }

  @Autowired
  private TestRestTemplate http;

  @Test
  void postSentimentAnswersWhatTheModelSays() {
    ResponseEntity<JsonNode> answer = http.postForEntity("/sentiment", json("{\"text\": \"" + TEXT
        + "\"}"), JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (TextClassifier direct = TextClassifier.load(StudentFixture.classifier())) {
      Prediction expected = direct.predict(TEXT);
      assertThat(answer.getBody().get("label").asText()).isEqualTo(expected.label());
      assertThat((float) answer.getBody().get("score").asDouble()).isEqualTo(expected.score());
    }
  }

  @Test
  void aBodyWithoutTextIsABadRequestSayingWhatToSend() {
    ResponseEntity<JsonNode> answer = http.postForEntity("/sentiment", json("{\"txt\": \"x\"}"),
        JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("message").asText()).contains("the body lacks \"text\"");
  }

  @Test
  void healthShowsTheModelUpWithItsLabelsAndCallsAreMetered() {
    http.postForEntity("/sentiment", json("{\"text\": \"dull\"}"), JsonNode.class);

    JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
    JsonNode model = health.path("components").path("distill").path("components")
        .path("sentiment");
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(model.get("status").asText()).isEqualTo("UP");
    try (TextClassifier direct = TextClassifier.load(StudentFixture.classifier())) {
      assertThat(model.path("details").path("labels").toString())
          .isEqualTo(new com.google.gson.Gson().toJson(direct.labels()));
      assertThat(model.path("details").path("maxLength").asInt()).isEqualTo(direct.maxLength());
    }

    JsonNode latency = http.getForObject(
        "/actuator/metrics/distill.prediction?tag=model:sentiment", JsonNode.class);
    assertThat(latency.path("measurements").get(0).path("statistic").asText()).isEqualTo("COUNT");
    assertThat(latency.path("measurements").get(0).path("value").asDouble()).isGreaterThan(0);
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
