package dev.distill.engine.student;

import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import dev.distill.onnx.student.bilstm.BiLstmGraph;
import dev.distill.onnx.student.cnn.CnnGraph;
import dev.distill.onnx.student.transformer.TransformerGraph;

/**
 * The student math of the spec, in plain Java, one unpadded row at a time: the reference both the
 * DJL networks and the ONNX graphs must agree with.
 */
final class SpecForward {

    private final StudentGraphWriter shape;
    private final StudentWeights weights;

    SpecForward(StudentGraphWriter shape, StudentWeights weights) {
        this.shape = shape;
        this.weights = weights;
    }

    float[] logits(int[] ids) {
        // One reference per architecture, written from the specification rather than from the networks.
        if (shape instanceof BiLstmGraph bilstm) {
            return biLstm(ids, bilstm.hiddenSize());
        }
        if (shape instanceof CnnGraph cnn) {
            return cnn(ids, cnn);
        }
        if (shape instanceof TransformerGraph transformer) {
            return transformer(ids, transformer);
        }
        return bag(ids);
    }

    private float[] embedding(int id) {
        int d = shape.sizes().embeddingSize();
        float[] row = new float[d];
        System.arraycopy(weights.get("embedding").data(), id * d, row, 0, d);
        return row;
    }

    private float[] biLstm(int[] ids, int h) {
        float[] forward = lstm("lstm.fwd.", ids, false, h);
        float[] backward = lstm("lstm.bwd.", ids, true, h);
        float[] both = new float[2 * h];
        System.arraycopy(forward, 0, both, 0, h);
        System.arraycopy(backward, 0, both, h, h);
        return linear("out", relu(linear("fc1", both)));
    }

    /** PyTorch LSTM, gates i, f, g, o; h after the last step. */
    private float[] lstm(String prefix, int[] ids, boolean reverse, int h) {
        float[] wIh = weights.get(prefix + "w_ih").data();
        float[] wHh = weights.get(prefix + "w_hh").data();
        float[] bIh = weights.get(prefix + "b_ih").data();
        float[] bHh = weights.get(prefix + "b_hh").data();
        float[] state = new float[h];
        float[] cell = new float[h];
        for (int s = 0; s < ids.length; s++) {
            float[] x = embedding(ids[reverse ? ids.length - 1 - s : s]);
            float[] gates = new float[4 * h];
            for (int g = 0; g < 4 * h; g++) {
                double sum = bIh[g] + bHh[g];
                for (int j = 0; j < x.length; j++) {
                    sum += wIh[g * x.length + j] * x[j];
                }
                for (int j = 0; j < h; j++) {
                    sum += wHh[g * h + j] * state[j];
                }
                gates[g] = (float) sum;
            }
            for (int j = 0; j < h; j++) {
                double i = sigmoid(gates[j]);
                double f = sigmoid(gates[h + j]);
                double g = Math.tanh(gates[2 * h + j]);
                double o = sigmoid(gates[3 * h + j]);
                cell[j] = (float) (f * cell[j] + i * g);
                state[j] = (float) (o * Math.tanh(cell[j]));
            }
        }
        return state;
    }

    private float[] cnn(int[] ids, CnnGraph cnn) {
        int h = cnn.filters();
        int d = shape.sizes().embeddingSize();
        int[] kernels = cnn.kernelSizes();
        int padded = ids.length + cnn.maxKernelSize() - 1;
        float[][] x = new float[padded][d];
        for (int t = 0; t < ids.length; t++) {
            x[t] = embedding(ids[t]);
        }
        float[] features = new float[h * kernels.length];
        for (int n = 0; n < kernels.length; n++) {
            int k = kernels[n];
            float[] w = weights.get("conv" + k + ".w").data();
            float[] b = weights.get("conv" + k + ".b").data();
            int windows = Math.max(ids.length - k + 1, 1);
            for (int f = 0; f < h; f++) {
                double best = 0;
                for (int t = 0; t < windows; t++) {
                    double sum = b[f];
                    for (int c = 0; c < d; c++) {
                        for (int j = 0; j < k; j++) {
                            sum += w[(f * d + c) * k + j] * x[t + j][c];
                        }
                    }
                    best = Math.max(best, sum);
                }
                features[n * h + f] = (float) best;
            }
        }
        return linear("out", features);
    }

    /** BertModel on the row: LayerNorm(word + position + token type 0), post-LN layers, the mean of the rows. */
    private float[] transformer(int[] ids, TransformerGraph transformer) {
        int e = shape.sizes().embeddingSize();
        float[][] x = new float[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            float[] sum = embedding(ids[t]);
            float[] position = weights.get("embeddings.position").data();
            float[] tokenType = weights.get("embeddings.token_type").data();
            for (int j = 0; j < e; j++) {
                sum[j] += position[t * e + j] + tokenType[j];
            }
            x[t] = layerNorm("embeddings.norm", sum);
        }
        for (int i = 0; i < transformer.layers(); i++) {
            String layer = TransformerGraph.layer(i);
            float[][] context = attention(layer, x, transformer.heads(), transformer.headSize());
            for (int t = 0; t < ids.length; t++) {
                float[] h = layerNorm(layer + ".attention_norm", plus(x[t], linear(layer + ".attention_output",
                        context[t])));
                float[] inner = linear(layer + ".intermediate", h);
                for (int j = 0; j < inner.length; j++) {
                    inner[j] = (float) (inner[j] * 0.5 * (1 + erf(inner[j] / Math.sqrt(2))));
                }
                x[t] = layerNorm(layer + ".output_norm", plus(h, linear(layer + ".output", inner)));
            }
        }
        float[] mean = new float[e];
        for (float[] row : x) {
            for (int j = 0; j < e; j++) {
                mean[j] += row[j] / ids.length;
            }
        }
        return linear("out", mean);
    }

    /** Per head softmax(q k^T / sqrt(d)) v over the row's tokens, heads side by side. */
    private float[][] attention(String layer, float[][] x, int heads, int d) {
        int length = x.length;
        float[][] q = new float[length][];
        float[][] k = new float[length][];
        float[][] v = new float[length][];
        for (int t = 0; t < length; t++) {
            q[t] = linear(layer + ".query", x[t]);
            k[t] = linear(layer + ".key", x[t]);
            v[t] = linear(layer + ".value", x[t]);
        }
        float[][] context = new float[length][heads * d];
        for (int head = 0; head < heads; head++) {
            for (int t = 0; t < length; t++) {
                double[] weight = new double[length];
                double total = 0;
                for (int s = 0; s < length; s++) {
                    double dot = 0;
                    for (int j = head * d; j < (head + 1) * d; j++) {
                        dot += q[t][j] * k[s][j];
                    }
                    weight[s] = Math.exp(dot / Math.sqrt(d));
                    total += weight[s];
                }
                for (int s = 0; s < length; s++) {
                    for (int j = head * d; j < (head + 1) * d; j++) {
                        context[t][j] += (float) (weight[s] / total * v[s][j]);
                    }
                }
            }
        }
        return context;
    }

    private float[] layerNorm(String name, float[] x) {
        double mean = 0;
        for (float value : x) {
            mean += value / (double) x.length;
        }
        double variance = 0;
        for (float value : x) {
            variance += (value - mean) * (value - mean) / x.length;
        }
        float[] w = weights.get(name + ".w").data();
        float[] b = weights.get(name + ".b").data();
        float[] y = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = (float) ((x[j] - mean) / Math.sqrt(variance + 1e-12) * w[j] + b[j]);
        }
        return y;
    }

    private static float[] plus(float[] a, float[] b) {
        float[] sum = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            sum[j] = a[j] + b[j];
        }
        return sum;
    }

    /** The error function by its Taylor series (about 1e-9 for |x| <= 4; beyond, within 2e-8 of its sign). */
    private static double erf(double x) {
        if (Math.abs(x) > 4) {
            return Math.signum(x);
        }
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private float[] bag(int[] ids) {
        float[] mean = new float[shape.sizes().embeddingSize()];
        for (int id : ids) {
            float[] row = embedding(id);
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / ids.length;
            }
        }
        return linear("out", relu(linear("fc1", mean)));
    }

    /** y = x W^T + b with W [out, in]. */
    private float[] linear(String name, float[] x) {
        Tensor w = weights.get(name + ".w");
        float[] b = weights.get(name + ".b").data();
        int out = (int) w.dim(0);
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            double sum = b[o];
            for (int j = 0; j < x.length; j++) {
                sum += w.data()[o * x.length + j] * x[j];
            }
            y[o] = (float) sum;
        }
        return y;
    }

    private static float[] relu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0f, x[i]);
        }
        return y;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
