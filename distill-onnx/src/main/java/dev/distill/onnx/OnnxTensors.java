package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Conversions between Java arrays and ONNX {@link TensorProto}s.
 *
 * <p>Tensors are written as little-endian {@code raw_data}: for int8 this is four to five times
 * smaller than the varint-encoded {@code int32_data} field, and it is what ONNX Runtime reads fastest.
 */
public final class OnnxTensors {

    private OnnxTensors() {
    }

    /** A float tensor; {@code data} is row-major and must hold exactly the product of {@code shape}. */
    public static TensorProto floats(String name, float[] data, long... shape) {
        ByteBuffer buffer = buffer(name, data.length, shape, Float.BYTES);
        buffer.asFloatBuffer().put(data);
        return tensor(name, DataType.FLOAT, buffer, shape);
    }

    /** An int64 tensor. */
    public static TensorProto longs(String name, long[] data, long... shape) {
        ByteBuffer buffer = buffer(name, data.length, shape, Long.BYTES);
        buffer.asLongBuffer().put(data);
        return tensor(name, DataType.INT64, buffer, shape);
    }

    /** An int32 tensor. */
    public static TensorProto ints(String name, int[] data, long... shape) {
        ByteBuffer buffer = buffer(name, data.length, shape, Integer.BYTES);
        buffer.asIntBuffer().put(data);
        return tensor(name, DataType.INT32, buffer, shape);
    }

    /** An int8 tensor. */
    public static TensorProto int8s(String name, byte[] data, long... shape) {
        ByteBuffer buffer = buffer(name, data.length, shape, Byte.BYTES);
        buffer.put(data);
        return tensor(name, DataType.INT8, buffer, shape);
    }

    /** The number of elements a shape holds (1 for a scalar). */
    public static long elementCount(long... shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** A row-major [rows, cols] float matrix transposed to [cols, rows]. */
    public static float[] transpose(float[] data, int rows, int cols) {
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return out;
    }

    /** The shape of a tensor. */
    public static long[] shape(TensorProto tensor) {
        return tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The values of a float tensor, whether stored as {@code raw_data} or {@code float_data}. */
    public static float[] toFloats(TensorProto tensor) {
        requireType(tensor, DataType.FLOAT);
        if (!tensor.getRawData().isEmpty()) {
            float[] out = new float[tensor.getRawData().size() / Float.BYTES];
            littleEndian(tensor).asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[tensor.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tensor.getFloatData(i);
        }
        return out;
    }

    /** The values of an int64 tensor, whether stored as {@code raw_data} or {@code int64_data}. */
    public static long[] toLongs(TensorProto tensor) {
        requireType(tensor, DataType.INT64);
        if (!tensor.getRawData().isEmpty()) {
            long[] out = new long[tensor.getRawData().size() / Long.BYTES];
            littleEndian(tensor).asLongBuffer().get(out);
            return out;
        }
        return tensor.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The values of an int8 tensor, whether stored as {@code raw_data} or {@code int32_data}. */
    public static byte[] toInt8s(TensorProto tensor) {
        requireType(tensor, DataType.INT8);
        if (!tensor.getRawData().isEmpty()) {
            return tensor.getRawData().toByteArray();
        }
        byte[] out = new byte[tensor.getInt32DataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) tensor.getInt32Data(i);
        }
        return out;
    }

    /**
     * The values of an int8 or uint8 tensor as ints (uint8 as 0..255), whether stored as {@code raw_data} or
     * {@code int32_data}.
     */
    public static int[] toIntegers(TensorProto tensor) {
        boolean unsigned = tensor.getDataType() == DataType.UINT8_VALUE;
        if (!unsigned && tensor.getDataType() != DataType.INT8_VALUE) {
            throw new IllegalArgumentException("tensor '" + tensor.getName() + "' has data type "
                    + DataType.forNumber(tensor.getDataType()) + ", expected INT8 or UINT8");
        }
        if (!tensor.getRawData().isEmpty()) {
            byte[] bytes = tensor.getRawData().toByteArray();
            int[] out = new int[bytes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = unsigned ? bytes[i] & 0xFF : bytes[i];
            }
            return out;
        }
        // int32_data holds one 8-bit value per element when raw_data is not used.
        return tensor.getInt32DataList().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Bytes the tensor's values take when stored (element count times element size). */
    public static long byteSize(TensorProto tensor) {
        int elementBytes = switch (DataType.forNumber(tensor.getDataType())) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            case INT8, UINT8, BOOL -> 1;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            default -> throw new IllegalArgumentException("tensor '" + tensor.getName()
                    + "' has unsupported data type " + tensor.getDataType());
        };
        return elementCount(shape(tensor)) * elementBytes;
    }

    private static ByteBuffer buffer(String name, int length, long[] shape, int elementBytes) {
        long expected = elementCount(shape);
        if (expected != length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " needs " + expected + " values but " + length + " were given");
        }
        return ByteBuffer.allocate(Math.multiplyExact(length, elementBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static TensorProto tensor(String name, DataType type, ByteBuffer buffer, long[] shape) {
        buffer.rewind();
        TensorProto.Builder builder = TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(buffer));
        for (long dim : shape) {
            builder.addDims(dim);
        }
        return builder.build();
    }

    private static ByteBuffer littleEndian(TensorProto tensor) {
        return tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void requireType(TensorProto tensor, DataType expected) {
        if (tensor.getDataType() != expected.getNumber()) {
            throw new IllegalArgumentException("tensor '" + tensor.getName() + "' has data type "
                    + DataType.forNumber(tensor.getDataType()) + ", expected " + expected);
        }
    }
}
