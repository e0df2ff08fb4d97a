package dev.distill.onnx.student;

import dev.distill.onnx.bert.BertReference;
import dev.distill.onnx.student.bag.BagOfEmbeddingsGraph;
import dev.distill.onnx.student.bilstm.BiLstmGraph;
import dev.distill.onnx.student.cnn.CnnGraph;
import dev.distill.onnx.student.transformer.TransformerGraph;

/**
 * The student math in plain Java, written straight from student-spec.md (one row at a time, doubles),
 * to check the exported graphs against.
 */
final class StudentReference {

    private final StudentGraphWriter shape;
    private final StudentWeights weights;

    StudentReference(StudentGraphWriter shape, StudentWeights weights) {
        this.shape = shape;
        this.weights = weights;
    }

    float[][] logits(long[][] ids, long[][] mask) {
        float[][] out = new float[ids.length][];
        for (int row = 0; row < ids.length; row++) {
            out[row] = logits(ids[row], mask[row]);
        }
        return out;
    }

    float[] logits(long[] ids, long[] mask) {
        int length = 0;
        for (long m : mask) {
            length += (int) m;
        }
        // One reference per architecture, written from the specification rather than from the graph writers.
        if (shape instanceof BiLstmGraph bilstm) {
            return bilstm(ids, length, bilstm.hiddenSize());
        }
        if (shape instanceof CnnGraph cnn) {
            return cnn(ids, mask, length, cnn);
        }
        if (shape instanceof BagOfEmbeddingsGraph) {
            return bag(ids, mask, length);
        }
        if (shape instanceof TransformerGraph transformer) {
            return transformer(ids, length, transformer);
        }
        throw new IllegalArgumentException("no reference forward pass for " + shape);
    }

    private float[] bilstm(long[] ids, int length, int h) {
        double[] hf = new double[h];
        double[] cf = new double[h];
        for (int t = 0; t < length; t++) {
            lstmStep("fwd", embedding(ids[t]), hf, cf, h);
        }
        double[] hb = new double[h];
        double[] cb = new double[h];
        for (int t = length - 1; t >= 0; t--) {
            lstmStep("bwd", embedding(ids[t]), hb, cb, h);
        }
        double[] concat = new double[2 * h];
        System.arraycopy(hf, 0, concat, 0, h);
        System.arraycopy(hb, 0, concat, h, h);
        return toFloat(linear(relu(linear(concat, "fc1")), "out"));
    }

    /** gates = W_ih x + b_ih + W_hh h + b_hh in PyTorch's order i, f, g, o; updates h and c in place. */
    private void lstmStep(String direction, double[] x, double[] hState, double[] cState, int h) {
        String p = "lstm." + direction + ".";
        double[] gates = add(add(matVec(p + "w_ih", x), vector(p + "b_ih")),
                add(matVec(p + "w_hh", hState), vector(p + "b_hh")));
        for (int j = 0; j < h; j++) {
            double i = sigmoid(gates[j]);
            double f = sigmoid(gates[h + j]);
            double g = Math.tanh(gates[2 * h + j]);
            double o = sigmoid(gates[3 * h + j]);
            cState[j] = f * cState[j] + i * g;
            hState[j] = o * Math.tanh(cState[j]);
        }
    }

    private float[] cnn(long[] ids, long[] mask, int length, CnnGraph cnn) {
        int d = shape.sizes().embeddingSize();
        int h = cnn.filters();
        int kmax = cnn.maxKernelSize();
        int paddedLength = ids.length + kmax - 1;
        double[][] x = new double[paddedLength][d];
        for (int t = 0; t < ids.length; t++) {
            double[] e = embedding(ids[t]);
            for (int c = 0; c < d; c++) {
                x[t][c] = e[c] * mask[t];
            }
        }
        int[] kernels = cnn.kernelSizes();
        double[] features = new double[h * kernels.length];
        for (int ki = 0; ki < kernels.length; ki++) {
            int k = kernels[ki];
            float[] w = weights.get("conv" + k + ".w").data();
            float[] b = weights.get("conv" + k + ".b").data();
            int validWindows = Math.max(length - k + 1, 1);
            for (int f = 0; f < h; f++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int t = 0; t <= paddedLength - k && t < validWindows; t++) {
                    double sum = b[f];
                    for (int c = 0; c < d; c++) {
                        for (int j = 0; j < k; j++) {
                            sum += w[(f * d + c) * k + j] * x[t + j][c];
                        }
                    }
                    best = Math.max(best, Math.max(sum, 0));
                }
                features[ki * h + f] = best;
            }
        }
        return toFloat(linear(features, "out"));
    }

    private float[] bag(long[] ids, long[] mask, int length) {
        double[] mean = new double[shape.sizes().embeddingSize()];
        for (int t = 0; t < ids.length; t++) {
            double[] e = embedding(ids[t]);
            for (int c = 0; c < mean.length; c++) {
                mean[c] += e[c] * mask[t] / length;
            }
        }
        return toFloat(linear(relu(linear(mean, "fc1")), "out"));
    }

    /**
     * HuggingFace's BertModel on the real tokens alone (padding is left out, which is what the mask must achieve):
     * LayerNorm(word + position + token type 0), post-LN layers, then the mean of the rows.
     */
    private float[] transformer(long[] ids, int length, TransformerGraph transformer) {
        int e = shape.sizes().embeddingSize();
        double[][] x = new double[length][];
        for (int t = 0; t < length; t++) {
            x[t] = layerNorm(add(add(embedding(ids[t]), row("embeddings.position", t)),
                    vector("embeddings.token_type")), "embeddings.norm");
        }
        for (int i = 0; i < transformer.layers(); i++) {
            String layer = TransformerGraph.layer(i);
            double[][] attention = selfAttention(x, layer, transformer.heads(), transformer.headSize());
            for (int t = 0; t < length; t++) {
                double[] h = layerNorm(add(x[t], linear(attention[t], layer + ".attention_output")),
                        layer + ".attention_norm");
                double[] inner = linear(h, layer + ".intermediate");
                for (int j = 0; j < inner.length; j++) {
                    inner[j] = inner[j] * 0.5 * (1 + BertReference.erf(inner[j] / Math.sqrt(2)));
                }
                x[t] = layerNorm(add(h, linear(inner, layer + ".output")), layer + ".output_norm");
            }
        }
        double[] mean = new double[e];
        for (double[] token : x) {
            for (int c = 0; c < e; c++) {
                mean[c] += token[c] / length;
            }
        }
        return toFloat(linear(mean, "out"));
    }

    /** softmax(q k^T / sqrt(d)) v per head, the heads concatenated: one row per token. */
    private double[][] selfAttention(double[][] x, String layer, int heads, int d) {
        int length = x.length;
        double[][] q = new double[length][];
        double[][] k = new double[length][];
        double[][] v = new double[length][];
        for (int t = 0; t < length; t++) {
            q[t] = linear(x[t], layer + ".query");
            k[t] = linear(x[t], layer + ".key");
            v[t] = linear(x[t], layer + ".value");
        }
        double[][] context = new double[length][heads * d];
        for (int head = 0; head < heads; head++) {
            for (int t = 0; t < length; t++) {
                double[] scores = new double[length];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < length; s++) {
                    double dot = 0;
                    for (int j = head * d; j < (head + 1) * d; j++) {
                        dot += q[t][j] * k[s][j];
                    }
                    scores[s] = dot / Math.sqrt(d);
                    max = Math.max(max, scores[s]);
                }
                double total = 0;
                for (int s = 0; s < length; s++) {
                    scores[s] = Math.exp(scores[s] - max);
                    total += scores[s];
                }
                for (int s = 0; s < length; s++) {
                    for (int j = head * d; j < (head + 1) * d; j++) {
                        context[t][j] += scores[s] / total * v[s][j];
                    }
                }
            }
        }
        return context;
    }

    /** (x - mean) / sqrt(var + 1e-12) * w + b over the row. */
    private double[] layerNorm(double[] x, String prefix) {
        double mean = 0;
        for (double value : x) {
            mean += value / x.length;
        }
        double variance = 0;
        for (double value : x) {
            variance += (value - mean) * (value - mean) / x.length;
        }
        double[] w = vector(prefix + ".w");
        double[] b = vector(prefix + ".b");
        double[] y = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            y[c] = (x[c] - mean) / Math.sqrt(variance + 1e-12) * w[c] + b[c];
        }
        return y;
    }

    /** Row {@code index} of the matrix {@code name}. */
    private double[] row(String name, int index) {
        Tensor table = weights.get(name);
        int cols = (int) table.dim(1);
        double[] row = new double[cols];
        for (int c = 0; c < cols; c++) {
            row[c] = table.data()[index * cols + c];
        }
        return row;
    }

    private double[] embedding(long id) {
        int d = shape.sizes().embeddingSize();
        float[] table = weights.get("embedding").data();
        double[] row = new double[d];
        for (int c = 0; c < d; c++) {
            row[c] = table[(int) id * d + c];
        }
        return row;
    }

    /** y = x W^T + b with W [out, in]. */
    private double[] linear(double[] x, String prefix) {
        return add(matVec(prefix + ".w", x), vector(prefix + ".b"));
    }

    private double[] matVec(String name, double[] x) {
        Tensor w = weights.get(name);
        int rows = (int) w.dim(0);
        int cols = (int) w.dim(1);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += w.data()[r * cols + c] * x[c];
            }
            y[r] = sum;
        }
        return y;
    }

    private double[] vector(String name) {
        float[] data = weights.get(name).data();
        double[] v = new double[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = data[i];
        }
        return v;
    }

    private static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    private static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(x[i], 0);
        }
        return y;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static float[] toFloat(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }
}
