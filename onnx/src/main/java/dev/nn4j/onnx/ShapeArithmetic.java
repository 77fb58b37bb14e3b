package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the small integer subgraphs that compute a Reshape target from the data's own
 * shape, such as PyTorch's {@code x.view(x.size(0), -1)}: {@code Shape -> Gather -> Unsqueeze
 * -> Concat}. Values are int64 vectors in which the batch size, unknown at import, is
 * {@link #BATCH}. Supported ops: Shape, Gather (axis 0), Unsqueeze, Squeeze, Concat (axis 0),
 * Cast.
 */
final class ShapeArithmetic {
    /** Stands for the batch dimension, which only the running model knows. */
    static final long BATCH = Long.MIN_VALUE;
    static final List<String> OPS = List.of("Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Cast");

    private ShapeArithmetic() {
    }

    /** The shape of {@code [batch, perSample...]}; {@code Shape}'s start/end attributes are refused. */
    static long[] shapeOf(OnnxNode n, int[] perSample) {
        n.allowOnly();
        long[] out = new long[perSample.length + 1];
        out[0] = BATCH;
        for (int i = 0; i < perSample.length; i++) {
            out[i + 1] = perSample[i];
        }
        return out;
    }

    /**
     * The value of {@code n} given its inputs' values ({@code known}), or null when one is unknown.
     * Scalars are vectors of length 1 here; ONNX's difference between them does not change a Reshape target.
     */
    static long[] apply(OnnxNode n, Map<String, long[]> known, Map<String, TensorProto> constants) {
        List<long[]> in = new ArrayList<>();
        for (String name : n.proto.getInputList()) {
            long[] v = known.get(name);
            if (v == null && constants.containsKey(name)) {
                try {
                    v = OnnxTensors.longs(constants.get(name));
                } catch (IllegalArgumentException e) {
                    throw n.error("input '" + name + "': " + e.getMessage());
                }
            }
            if (v == null) {
                return null;
            }
            in.add(v);
        }
        switch (n.op()) {
            case "Gather": {
                n.allowOnly("axis");
                ChainReader.requireInputs(n, 2, 2);
                if (n.intAttr("axis", 0) != 0) {
                    throw n.error("attribute axis=" + n.intAttr("axis", 0) + " is not supported on a shape (only 0)");
                }
                long[] data = in.get(0);
                long[] idx = in.get(1);
                long[] out = new long[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    long k = idx[i] < 0 ? idx[i] + data.length : idx[i];
                    if (k < 0 || k >= data.length) {
                        throw n.error("index " + idx[i] + " is outside the shape " + Arrays.toString(data));
                    }
                    out[i] = data[(int) k];
                }
                return out;
            }
            case "Unsqueeze":
            case "Squeeze":
                n.allowOnly("axes");
                ChainReader.requireInputs(n, 1, 2);
                return in.get(0);
            case "Cast":
                n.allowOnly("to");
                ChainReader.requireInputs(n, 1, 1);
                return in.get(0);
            case "Concat": {
                n.allowOnly("axis");
                if (n.intAttr("axis", 0) != 0) {
                    throw n.error("attribute axis=" + n.intAttr("axis", 0) + " is not supported on a shape (only 0)");
                }
                int total = 0;
                for (long[] v : in) {
                    total += v.length;
                }
                long[] out = new long[total];
                int at = 0;
                for (long[] v : in) {
                    System.arraycopy(v, 0, out, at, v.length);
                    at += v.length;
                }
                return out;
            }
            default:
                return null;
        }
    }
}
