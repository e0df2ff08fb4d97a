package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.ModelProto;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BERT-family encoder's weights from its ONNX graph by following the graph, not initializer names, which
 * differ between exports (HF/Optimum's {@code encoder.layer.0.attention.self.query.bias}, a hand export's
 * {@code layers.0.q.bias}, anonymous {@code onnx::MatMul_787}):
 * <ol>
 *   <li>the embeddings: from the {@code Gather} on {@code input_ids} along the sum with the position and
 *       token-type rows to its layer norm ({@link EmbeddingsReader});</li>
 *   <li>each encoder layer in order, as long as three hidden-to-hidden projections read the running hidden state
 *       ({@link EncoderLayerReader});</li>
 *   <li>for a classifier (output {@code logits}), its pooling and linear head ({@link HeadReader}).</li>
 * </ol>
 * Float, weight-only int8 ({@code DequantizeLinear}) and dynamically quantized int8 ({@code MatMulInteger},
 * {@code DynamicQuantizeMatMul}) weights are all read as floats. It reads what MiniLM, BERT and BGE exports look
 * like; anything else is an {@link UnrecognizedLayoutException}.
 */
public final class BertLayout {

    private BertLayout() {
    }

    /**
     * The encoder's weights.
     *
     * @param model the teacher's graph
     * @param name what to call the model in errors (its path)
     * @throws UnrecognizedLayoutException naming the model, the part not found and where the walk stopped
     */
    public static BertWeights read(ModelProto model, String name) {
        try {
            return read(model);
        } catch (NotFound e) {
            throw new UnrecognizedLayoutException(name, e.lookedFor(), e.stoppedAt());
        }
    }

    private static BertWeights read(ModelProto model) {
        GraphIndex graph = new GraphIndex(model);
        BertEmbeddings embeddings = new EmbeddingsReader(graph).read(model);
        int hidden = embeddings.word().width();
        EncoderLayerReader reader = new EncoderLayerReader(graph);
        List<BertLayerWeights> layers = new ArrayList<>();
        int heads = 0;
        for (String input = embeddings.output(); reader.projections(input, hidden).size() == 3 || layers.isEmpty(); ) {
            EncoderLayerReader.Found layer = reader.read(input, hidden, layers.size());
            if (heads != 0 && layer.heads() != heads) {
                throw new NotFound("the same number of attention heads in every layer", "layer " + layers.size()
                        + " has " + layer.heads() + ", the layers before it " + heads);
            }
            heads = layer.heads();
            layers.add(layer.weights());
            input = layer.weights().output();
        }
        int feedForward = layers.get(0).feedForwardIn().outputs();
        String last = layers.get(layers.size() - 1).output();
        return new BertWeights(embeddings, layers, hidden, heads, feedForward, new HeadReader(graph).read(model, last));
    }
}
