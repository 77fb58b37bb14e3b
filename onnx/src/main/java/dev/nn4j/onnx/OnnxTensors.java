package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Conversions between ONNX {@code TensorProto}s and Java arrays. Reading checks the declared
 * dimensions against the data actually present before allocating, so a corrupted file cannot
 * ask for more memory than it holds. Throws {@link IllegalArgumentException} with the problem;
 * callers add the tensor's context.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    /** The dimensions of {@code t} as ints, each checked to be in [0, 2^31). */
    static int[] dims(TensorProto t) {
        int[] d = new int[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            long v = t.getDims(i);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + i + " is " + v);
            }
            d[i] = (int) v;
        }
        return d;
    }

    /** Number of elements for {@code dims}, checked not to overflow. */
    static long count(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimensions " + java.util.Arrays.toString(dims) + " hold more than 2^31 elements");
            }
        }
        return n;
    }

    /** The values of a FLOAT, DOUBLE, FLOAT16-free numeric tensor as floats (raw_data little-endian, or float_data/double_data). */
    static float[] floats(TensorProto t) {
        int[] dims = dims(t);
        int n = (int) count(dims);
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException("data is stored in an external file, which is not supported");
        }
        int type = t.getDataType();
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            if (t.hasRawData()) {
                ByteBuffer b = raw(t.getRawData(), n, 4);
                float[] out = new float[n];
                b.asFloatBuffer().get(out);
                return out;
            }
            requireCount(t.getFloatDataCount(), n);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = t.getFloatData(i);
            }
            return out;
        }
        if (type == TensorProto.DataType.DOUBLE_VALUE) {
            float[] out = new float[n];
            if (t.hasRawData()) {
                ByteBuffer b = raw(t.getRawData(), n, 8);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
                return out;
            }
            requireCount(t.getDoubleDataCount(), n);
            for (int i = 0; i < n; i++) {
                out[i] = (float) t.getDoubleData(i);
            }
            return out;
        }
        throw new IllegalArgumentException("data type " + typeName(type) + " is not a FLOAT or DOUBLE tensor");
    }

    /** The values of an INT64 or INT32 tensor (shapes, pads). */
    static long[] longs(TensorProto t) {
        int n = (int) count(dims(t));
        int type = t.getDataType();
        long[] out = new long[n];
        if (type == TensorProto.DataType.INT64_VALUE) {
            if (t.hasRawData()) {
                ByteBuffer b = raw(t.getRawData(), n, 8);
                b.asLongBuffer().get(out);
                return out;
            }
            requireCount(t.getInt64DataCount(), n);
            for (int i = 0; i < n; i++) {
                out[i] = t.getInt64Data(i);
            }
            return out;
        }
        if (type == TensorProto.DataType.INT32_VALUE) {
            if (t.hasRawData()) {
                ByteBuffer b = raw(t.getRawData(), n, 4);
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(i * 4);
                }
                return out;
            }
            requireCount(t.getInt32DataCount(), n);
            for (int i = 0; i < n; i++) {
                out[i] = t.getInt32Data(i);
            }
            return out;
        }
        throw new IllegalArgumentException("data type " + typeName(type) + " is not an INT64 or INT32 tensor");
    }

    /** The values of a BOOL, INT64 or INT32 tensor (Dropout's training_mode), as 0/1 for BOOL. */
    static long[] longsOrBool(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.BOOL_VALUE) {
            return longs(t);
        }
        int n = (int) count(dims(t));
        long[] out = new long[n];
        if (t.hasRawData()) {
            ByteBuffer b = raw(t.getRawData(), n, 1);
            for (int i = 0; i < n; i++) {
                out[i] = b.get(i) != 0 ? 1 : 0;
            }
            return out;
        }
        requireCount(t.getInt32DataCount(), n);
        for (int i = 0; i < n; i++) {
            out[i] = t.getInt32Data(i) != 0 ? 1 : 0;
        }
        return out;
    }

    /** A FLOAT tensor {@code name} of shape {@code dims} holding {@code values} in raw_data. */
    static TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An INT64 tensor {@code name} of shape {@code [values.length]}. */
    static TensorProto longTensor(String name, long[] values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    static String typeName(int type) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(type);
        return d == null ? "#" + type : d.name();
    }

    private static ByteBuffer raw(ByteString data, int n, int width) {
        if (data.size() != (long) n * width) {
            throw new IllegalArgumentException("raw_data has " + data.size() + " bytes, the dimensions need " + (long) n * width);
        }
        return data.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void requireCount(int present, int n) {
        if (present != n) {
            throw new IllegalArgumentException("holds " + present + " values, the dimensions need " + n);
        }
    }
}
