package com.example;

import dev.distill.runtime.TextClassifier;

/** Prints, for each argument, one line per bundled model: {@code <model>\t<label>\t<text>}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try (TextClassifier sentiment = TextClassifier.load(Sentiment.class);
                TextClassifier topics = TextClassifier.load(Topics.class)) {
            for (String text : args) {
                System.out.println("sentiment\t" + sentiment.predict(text).label() + "\t" + text);
                System.out.println("topics\t" + topics.predict(text).label() + "\t" + text);
            }
        }
    }
}
