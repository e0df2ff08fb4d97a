package dev.distill.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Direct, native-order buffers that ONNX Runtime reads without a copy, one per input tensor name,
 * grown on demand and reused across the calls of one thread. Not thread-safe: each thread holds its
 * own (an {@link InputBatch} fills them, then the tensors wrapping them are fed and closed before
 * the next batch of that thread).
 */
public final class TensorBuffers {
  private final Map<String, LongBuffer> longs = new HashMap<>();
  private final Map<String, FloatBuffer> floats = new HashMap<>();

  /**
   * The float buffer of the input {@code name}, cleared, with room for exactly {@code size} values.
   *
   * @param name the input tensor's name
   * @param size the number of values the tensor holds
   * @return the buffer, its limit {@code size}
   */
  public FloatBuffer floats(String name, int size) {
    FloatBuffer buffer = floats.get(name);
    if (buffer == null || buffer.capacity() < size) {
      int capacity = buffer == null ? size : Math.max(size, 2 * buffer.capacity());
      buffer = ByteBuffer.allocateDirect(capacity * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
      floats.put(name, buffer);
    }
    buffer.clear();
    buffer.limit(size);
    return buffer;
  }

  /**
   * The int64 buffer of the input {@code name}, cleared, with room for exactly {@code size} values.
   *
   * @param name the input tensor's name
   * @param size the number of values the tensor holds
   * @return the buffer, its limit {@code size}
   */
  public LongBuffer longs(String name, int size) {
    LongBuffer buffer = longs.get(name);
    if (buffer == null || buffer.capacity() < size) {
      int capacity = buffer == null ? size : Math.max(size, 2 * buffer.capacity());
      buffer = ByteBuffer.allocateDirect(capacity * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
      longs.put(name, buffer);
    }
    buffer.clear();
    buffer.limit(size);
    return buffer;
  }
}
