package dev.distill.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator types of a model's main graph, read straight off the ONNX protobuf's wire format
 * ({@code ModelProto.graph} = field 7, {@code GraphProto.node} = 1, {@code NodeProto.op_type} = 4)
 * without the ONNX classes, which the runtime does not carry. Every other field, the weights
 * included, is skipped by its length, so a large model on disk costs a few seeks, not a read.
 *
 * @param types the distinct operator types, sorted
 */
record GraphOps(Set<String> types) {

  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int NODE_OP_TYPE = 4;
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  /**
   * @return the graph's operator types; none when the file cannot be read or is not a protobuf
   *     (ONNX Runtime then refuses it with its own message when it parses it)
   */
  static GraphOps of(ModelBytes model) {
    try (InputStream in = model.bytes() != null ? new ByteArrayInputStream(model.bytes())
        : new BufferedInputStream(Files.newInputStream(model.path()), 1 << 16)) {
      Set<String> types = new TreeSet<>();
      Wire wire = new Wire(in);
      wire.fields(Long.MAX_VALUE, (field, length) -> {
        if (field != MODEL_GRAPH) {
          return false;
        }
        wire.fields(length, (graphField, nodeLength) -> {
          if (graphField != GRAPH_NODE) {
            return false;
          }
          wire.fields(nodeLength, (nodeField, opLength) -> {
            if (nodeField != NODE_OP_TYPE) {
              return false;
            }
            types.add(new String(wire.read(opLength), StandardCharsets.UTF_8));
            return true;
          });
          return true;
        });
        return true;
      });
      return new GraphOps(Set.copyOf(types));
    } catch (IOException | IllegalStateException | ArithmeticException e) {
      return new GraphOps(Set.of());
    }
  }

  /**
   * Whether the model's only quantization is of constant weights: {@code DequantizeLinear} is its
   * only quantization operator, as in distill's weight-only int8 students ({@link WeightFolding}).
   * A model that quantizes activations or computes in integers ({@code QuantizeLinear},
   * {@code DynamicQuantizeLinear}, {@code MatMulInteger}, {@code QLinearConv}, ... as langchain4j's
   * int8 encoders and statically quantized teachers do) is left to ONNX Runtime's own handling,
   * whose fusions and numbers it was exported for.
   */
  boolean dequantizesWeightsOnly() {
    return types.contains("DequantizeLinear")
        && types.stream().noneMatch(GraphOps::quantizesOrComputesInIntegers);
  }

  private static boolean quantizesOrComputesInIntegers(String type) {
    return type.contains("Quantize") && !type.equals("DequantizeLinear")
        || type.contains("Integer")
        || type.contains("NBits")
        || type.length() > 1 && type.charAt(0) == 'Q' && Character.isUpperCase(type.charAt(1));
  }

  /** Reads the fields of a message, handing each length-delimited one to a visitor. */
  private static final class Wire {
    private final InputStream in;

    Wire(InputStream in) {
      this.in = in;
    }

    /** What to do with a length-delimited field; false skips it. */
    interface Visitor {
      boolean visit(int field, long length) throws IOException;
    }

    /** Reads fields for {@code length} bytes (to the end of the stream when unbounded). */
    void fields(long length, Visitor visitor) throws IOException {
      CountingLimit limit = new CountingLimit(length);
      while (limit.remaining() > 0) {
        long key = varint(limit, length == Long.MAX_VALUE);
        if (key < 0) {
          return; // the end of the stream: the end of the top-level message
        }
        int field = (int) (key >>> 3);
        int type = (int) (key & 7);
        switch (type) {
          case VARINT -> varint(limit, false);
          case FIXED64 -> skip(limit, 8);
          case FIXED32 -> skip(limit, 4);
          case LENGTH_DELIMITED -> {
            long size = varint(limit, false);
            if (size < 0 || size > limit.remaining()) {
              throw new IllegalStateException("field " + field + " claims " + size + " bytes");
            }
            limit.consumed(size);
            if (!visitor.visit(field, size)) {
              skipFully(size);
            }
          }
          default -> throw new IllegalStateException("wire type " + type + " of field " + field
              + " is not one ONNX uses");
        }
      }
    }

    byte[] read(long length) throws IOException {
      return in.readNBytes(Math.toIntExact(length));
    }

    /** @return the value, or -1 at the end of the stream when {@code endAllowed} */
    private long varint(CountingLimit limit, boolean endAllowed) throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = in.read();
        if (b < 0) {
          if (endAllowed && shift == 0) {
            return -1;
          }
          throw new EOFException("the file ends inside a field");
        }
        limit.consumed(1);
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalStateException("a varint longer than 10 bytes");
    }

    private void skip(CountingLimit limit, long n) throws IOException {
      limit.consumed(n);
      skipFully(n);
    }

    private void skipFully(long n) throws IOException {
      long left = n;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException("the file ends inside a field");
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }
  }

  /** The bytes left in the message being read. */
  private static final class CountingLimit {
    private long remaining;

    CountingLimit(long length) {
      this.remaining = length;
    }

    long remaining() {
      return remaining;
    }

    void consumed(long n) {
      if (remaining != Long.MAX_VALUE) {
        remaining -= n;
      }
    }
  }
}
