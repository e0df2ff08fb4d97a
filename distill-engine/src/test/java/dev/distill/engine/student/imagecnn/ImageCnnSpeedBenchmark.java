package dev.distill.engine.student.imagecnn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.evaluate.Speed;
import dev.distill.engine.evaluate.SpeedProbe;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.image.ImagePreprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Times image CNN students of several widths and depths (random weights: speed does not depend on them) against the
 * teacher through the runtime's {@code OnnxImageModel}, fp32 and weight-only int8, one ORT thread, on the committed
 * test images: which student can be {@code >= 5x} the teacher's throughput, and whether ONNX Runtime's int8
 * convolutions ({@link QdqConvs}: static QDQ, fused into QLinearConv) are faster than float Conv here. Not a test; run its {@code main} with the
 * test class path: {@code ImageCnnSpeedBenchmark <teacher folder> <image folder> <out folder> [width:blocks ...]}.
 */
public final class ImageCnnSpeedBenchmark {

    private ImageCnnSpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path teacher = Path.of(args[0]);
        ImagePreprocessing preprocessing = ImagePreprocessing.read(teacher.resolve("preprocessor_config.json"));
        float[][] images = ImageFolderReader.read(Path.of(args[1]),
                ModelConfig.read(teacher.resolve("config.json")).label2id(), "label").stream()
                .map(image -> preprocessing.pixels(image.file())).toArray(float[][]::new);
        Path out = Files.createDirectories(Path.of(args[2]));
        SpeedProbe probe = new SpeedProbe(1, images.length);
        print("teacher", probe.measure(teacher.resolve("model.onnx"), preprocessing, images), 0);
        for (int a = 3; a < args.length; a++) {
            String[] config = args[a].split(":");
            ImageCnnGraph graph = new ImageCnnGraph(1, 28, 28, 10, Integer.parseInt(config[0]),
                    Integer.parseInt(config[1]));
            ImageCnnStudent student = new ImageCnnArchitecture().create(graph);
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                student.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
                ModelProto fp32 = StudentGraphs.fp32(graph, student.exportWeights(), Map.of());
                Path fp32File = out.resolve("cnn-" + args[a].replace(':', '-') + "-fp32.onnx");
                OnnxModels.write(fp32, fp32File);
                Path int8File = out.resolve("cnn-" + args[a].replace(':', '-') + "-int8.onnx");
                OnnxModels.write(new ImageCnnArchitecture().int8Quantizer().quantize(fp32).model(), int8File);
                Path qdqFile = out.resolve("cnn-" + args[a].replace(':', '-') + "-qdq.onnx");
                OnnxModels.write(QdqConvs.of(fp32, 0.05f), qdqFile);
                print(args[a] + " fp32", probe.measure(fp32File, preprocessing, images), Files.size(fp32File));
                print(args[a] + " QDQ (QLinearConv)", probe.measure(qdqFile, preprocessing, images),
                        Files.size(qdqFile));
                print(args[a] + " int8 weights", probe.measure(int8File, preprocessing, images), Files.size(int8File));
            }
        }
    }

    private static void print(String name, Speed speed, long bytes) {
        System.out.printf(Locale.ROOT, "%-22s throughput %7.0f images/s (batch %d), p50 %.3f ms, %d bytes%n", name,
                speed.throughput(), SpeedProbe.BATCH, speed.latencyP50Ms(), bytes);
    }
}
