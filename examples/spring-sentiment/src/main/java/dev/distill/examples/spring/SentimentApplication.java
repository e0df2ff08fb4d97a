package dev.distill.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application serving a distill student at {@code POST /sentiment}. The model
 * is {@code distill.models.sentiment.path} (application.properties: the jar that
 * examples/sentiment builds); distill-spring-boot-starter makes it the {@code TextClassifier} bean.
 */
@SpringBootApplication
public class SentimentApplication {
  /**
   * @param args Spring Boot's arguments, for example {@code --distill.models.sentiment.path=DIR}
   */
  public static void main(String[] args) {
    SpringApplication.run(SentimentApplication.class, args);
  }
}
