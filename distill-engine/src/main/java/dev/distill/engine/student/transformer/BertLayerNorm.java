package dev.distill.engine.student.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LayerNorm over the last axis with the student's epsilon (BERT's, or its teacher's), as ONNX's {@code LayerNormalization}: parameters {@code weight}
 * (ones at first) and {@code bias} (zeros) of the width. DJL's own block normalizes over the axes its input shape
 * gives at initialization, which a [batch, sequence, width] input does not pin to the last one.
 */
final class BertLayerNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Shape width;
    private final Parameter weight;
    private final Parameter bias;
    private final float epsilon;

    BertLayerNorm(int width, float epsilon) {
        super(VERSION);
        this.epsilon = epsilon;
        this.width = new Shape(width);
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(this.width).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(this.width).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return LayerNorm.layerNorm(x, width, parameterStore.getValue(weight, x.getDevice(), training),
                parameterStore.getValue(bias, x.getDevice(), training), epsilon);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /** The scale, {@code [width]}. */
    NDArray weight() {
        return weight.getArray();
    }

    /** The shift, {@code [width]}. */
    NDArray bias() {
        return bias.getArray();
    }
}
