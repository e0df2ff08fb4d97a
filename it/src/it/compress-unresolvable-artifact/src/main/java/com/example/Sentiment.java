package com.example;

import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Teacher;

/** A valid descriptor whose teacher artifact exists in no repository; the build fails before any training. */
@Distill(name = "sentiment",
        teacher = @Teacher(artifact = "dev.distill.nonexistent:no-such-teacher:9.9.9", model = "m.onnx",
                tokenizer = "t.json"),
        data = @Dataset(train = "data/train.tsv", textColumn = "sentence"))
public interface Sentiment {
}
