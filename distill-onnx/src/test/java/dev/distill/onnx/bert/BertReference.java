package dev.distill.onnx.bert;

/**
 * Test helper: a plain-Java forward pass of a BERT-family encoder on weights read by {@link BertLayout}, written
 * from the BERT paper's definitions and nothing of ONNX Runtime, in double precision where it sums. If the layout
 * read the wrong tensor, the wrong head count or the wrong epsilon, this disagrees with the real model.
 */
public final class BertReference {

    private final BertWeights weights;
    private final boolean quantizesActivations;

    /**
     * @param quantizesActivations whether the input of each int8 linear layer is first rounded to uint8 as ONNX
     *     Runtime's {@code DynamicQuantizeLinear} does (one scale and zero point for the whole input), to compute
     *     what an int8 export computes rather than what its float original did
     */
    public BertReference(BertWeights weights, boolean quantizesActivations) {
        this.weights = weights;
        this.quantizesActivations = quantizesActivations;
    }

    /**
     * The hidden states of one text after {@code layers} encoder layers (0: the embeddings' output).
     *
     * @param ids the token ids, padding included
     * @param mask 1 for a real token, 0 for padding
     * @param types the token-type ids
     * @return {@code [sequence][hidden]}
     */
    public float[][] hidden(long[] ids, long[] mask, long[] types, int layers) {
        float[][] x = embeddings(ids, types);
        for (int layer = 0; layer < layers; layer++) {
            x = layer(weights.layers().get(layer), x, mask);
        }
        return x;
    }

    /** The classifier's logits of one text: the teacher's pooling of the last hidden state, then its head. */
    public float[] logits(long[] ids, long[] mask, long[] types) {
        BertHead head = weights.head().orElseThrow();
        float[][] last = hidden(ids, mask, types, weights.layers().size());
        float[] pooled = new float[weights.hidden()];
        if (head.pooling() == Pooling.CLS) {
            pooled = last[0];
        } else {
            double count = 0;
            for (int t = 0; t < last.length; t++) {
                count += mask[t];
                for (int h = 0; h < pooled.length; h++) {
                    pooled[h] += last[t][h] * mask[t];
                }
            }
            for (int h = 0; h < pooled.length; h++) {
                pooled[h] /= (float) Math.max(count, 1e-9);
            }
        }
        return linear(head.classifier(), new float[][] {pooled})[0];
    }

    private float[][] embeddings(long[] ids, long[] types) {
        BertEmbeddings embeddings = weights.embeddings();
        float[][] sum = new float[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            float[] row = embeddings.word().row((int) ids[t]);
            add(row, embeddings.position().row(t));
            int type = (int) types[t];
            embeddings.tokenType().map(table -> table.row(type)).ifPresent(typeRow -> add(row, typeRow));
            sum[t] = row;
        }
        return norm(embeddings.layerNorm(), sum);
    }

    private float[][] layer(BertLayerWeights layer, float[][] x, long[] mask) {
        float[][] attention = linear(layer.attentionOutput(), attention(layer, x, mask));
        float[][] attended = norm(layer.attentionNorm(), plus(x, attention));
        float[][] inner = linear(layer.feedForwardIn(), attended);
        for (float[] row : inner) {
            for (int i = 0; i < row.length; i++) {
                row[i] = gelu(layer.activation(), row[i]);
            }
        }
        return norm(layer.outputNorm(), plus(attended, linear(layer.feedForwardOut(), inner)));
    }

    /** Multi-head scaled dot-product self-attention; padded keys get no weight. */
    private float[][] attention(BertLayerWeights layer, float[][] x, long[] mask) {
        float[][] q = linear(layer.query(), x);
        float[][] k = linear(layer.key(), x);
        float[][] v = linear(layer.value(), x);
        int width = weights.headWidth();
        int length = x.length;
        float[][] context = new float[length][weights.hidden()];
        for (int head = 0; head < weights.heads(); head++) {
            int offset = head * width;
            for (int i = 0; i < length; i++) {
                double[] scores = new double[length];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < length; j++) {
                    if (mask[j] == 0) {
                        scores[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int d = 0; d < width; d++) {
                        dot += (double) q[i][offset + d] * k[j][offset + d];
                    }
                    scores[j] = dot / Math.sqrt(width);
                    max = Math.max(max, scores[j]);
                }
                double total = 0;
                for (int j = 0; j < length; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    total += scores[j];
                }
                for (int d = 0; d < width; d++) {
                    double sum = 0;
                    for (int j = 0; j < length; j++) {
                        sum += scores[j] / total * v[j][offset + d];
                    }
                    context[i][offset + d] = (float) sum;
                }
            }
        }
        return context;
    }

    private float[][] linear(Linear linear, float[][] input) {
        float[][] x = quantizesActivations && linear.quantized() ? dynamicallyQuantized(input) : input;
        float[] w = linear.weight();
        float[][] y = new float[x.length][linear.outputs()];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < linear.outputs(); o++) {
                double sum = linear.bias()[o];
                int row = o * linear.inputs();
                for (int i = 0; i < linear.inputs(); i++) {
                    sum += (double) x[t][i] * w[row + i];
                }
                y[t][o] = (float) sum;
            }
        }
        return y;
    }

    /**
     * {@code DynamicQuantizeLinear} then dequantized: scale = (max(0, max x) - min(0, min x)) / 255, zero point =
     * round(-min / scale), q = clamp(round(x / scale) + zero point, 0, 255), in float and rounding half to even as
     * the ONNX operator defines it.
     */
    private static float[][] dynamicallyQuantized(float[][] x) {
        float min = 0;
        float max = 0;
        for (float[] row : x) {
            for (float value : row) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        float scale = (max - min) / 255f;
        float zero = (float) Math.max(0, Math.min(255, Math.rint(-min / scale)));
        float[][] y = new float[x.length][];
        for (int t = 0; t < x.length; t++) {
            y[t] = new float[x[t].length];
            for (int i = 0; i < y[t].length; i++) {
                float q = (float) Math.max(0, Math.min(255, Math.rint(x[t][i] / scale) + zero));
                y[t][i] = (q - zero) * scale;
            }
        }
        return y;
    }

    private static float[][] norm(LayerNorm norm, float[][] x) {
        float[][] y = new float[x.length][];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (float value : x[t]) {
                mean += value;
            }
            mean /= x[t].length;
            double variance = 0;
            for (float value : x[t]) {
                variance += (value - mean) * (value - mean);
            }
            variance /= x[t].length;
            double inverse = 1 / Math.sqrt(variance + norm.epsilon());
            y[t] = new float[x[t].length];
            for (int h = 0; h < x[t].length; h++) {
                y[t][h] = (float) ((x[t][h] - mean) * inverse * norm.scale()[h] + norm.bias()[h]);
            }
        }
        return y;
    }

    private static float gelu(Activation activation, float x) {
        return switch (activation) {
            case GELU_ERF -> (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
            case GELU_TANH -> (float) (0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
        };
    }

    /** erf to about 1e-13 (a series for small |x|, a continued fraction for large), as the JDK has none. */
    public static double erf(double x) {
        double z = Math.abs(x);
        double result;
        if (z < 2.5) {
            double term = z;
            double sum = z;
            for (int n = 1; n < 80 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(z) = exp(-z²)/√π · 1/(z + 1/2/(z + 1/(z + 3/2/(z + ...)))), evaluated from the tail.
            double fraction = z;
            for (int n = 60; n >= 1; n--) {
                fraction = z + (n / 2.0) / fraction;
            }
            result = 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / fraction;
        }
        return Math.copySign(result, x);
    }

    private static float[][] plus(float[][] a, float[][] b) {
        float[][] sum = new float[a.length][];
        for (int t = 0; t < a.length; t++) {
            sum[t] = a[t].clone();
            add(sum[t], b[t]);
        }
        return sum;
    }

    private static void add(float[] into, float[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }

}
