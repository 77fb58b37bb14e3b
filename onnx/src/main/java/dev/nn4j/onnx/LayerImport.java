package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.AvgPool2DConfig;
import dev.nn4j.nn.BatchNormConfig;
import dev.nn4j.nn.Conv2DConfig;
import dev.nn4j.nn.FlattenConfig;
import dev.nn4j.nn.GlobalAvgPool2DConfig;
import dev.nn4j.nn.MaxPool2DConfig;
import dev.nn4j.nn.Padding;
import dev.nn4j.tensor.Activation;
import java.util.Arrays;

/**
 * The ONNX nodes that become nn4j's image layers: {@code Conv} (group 1, dilations 1),
 * {@code MaxPool} and {@code AveragePool} (ceil_mode 0; AveragePool with
 * count_include_pad 0, or 1 when there is no padding), {@code GlobalAveragePool},
 * {@code BatchNormalization} in inference form, and standalone activations and Flatten.
 */
final class LayerImport {
    private LayerImport() {
    }

    /** Translates an image-layer node and advances {@code reader}; null when {@code n}'s op is not one of them. */
    static ImportedLayer imageLayer(OnnxNode n, ChainReader reader) {
        switch (n.op()) {
            case "Conv": return conv(n, reader);
            case "MaxPool": return pool(n, reader, true);
            case "AveragePool": return pool(n, reader, false);
            case "GlobalAveragePool": return globalAveragePool(n, reader);
            case "BatchNormalization": return batchNorm(n, reader);
            default: return null;
        }
    }

    /** A standalone activation layer on values of per-sample {@code shape}. */
    static ImportedLayer standaloneActivation(OnnxNode n, Activation f, int[] shape) {
        if (f.isRowWise() && shape.length != 1) {
            throw n.error(f.id() + " over a [batch, " + ChainReader.join(shape) + "] value; nn4j's softmax works on "
                    + "[batch, features]");
        }
        return new ImportedLayer(n.label, false, g -> new ActivationConfig(f));
    }

    /** A flatten layer from per-sample {@code shape} to its element count. */
    static ImportedLayer flatten(OnnxNode n, int[] shape) {
        return new ImportedLayer(n.label, false, g -> new FlattenConfig());
    }

    private static int[] image(OnnxNode n, ChainReader r) {
        int[] s = r.shape();
        if (s.length != 3) {
            throw n.error("needs an image input [batch, C, H, W] but gets [batch, " + ChainReader.join(s) + "]");
        }
        return s;
    }

    private static ImportedLayer conv(OnnxNode n, ChainReader r) {
        n.allowOnly("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        ChainReader.requireInputs(n, 2, 3);
        int[] s = image(n, r);
        long group = n.intAttr("group", 1);
        if (group != 1) {
            throw n.error("attribute group=" + group + " is not supported (only 1: nn4j has no grouped convolution)");
        }
        requireOnes(n, "dilations");
        TensorProto wt = r.constant(n, 1);
        int[] wd = ChainReader.dims(n, wt, 4);
        if (wd[1] != s[0]) {
            throw n.error("weights " + Arrays.toString(wd) + " take " + wd[1] + " channels, the input has " + s[0]);
        }
        long[] ks = n.intsAttr("kernel_shape", 2, new long[] {wd[2], wd[3]});
        if (ks[0] != wd[2] || ks[1] != wd[3]) {
            throw n.error("kernel_shape " + Arrays.toString(ks) + " does not match the weights " + Arrays.toString(wd));
        }
        long[] st = n.intsAttr("strides", 2, new long[] {1, 1});
        int kh = wd[2], kw = wd[3], sh = positive(n, "strides", st[0]), sw = positive(n, "strides", st[1]);
        Padding padding = padding(n, s, kh, kw, sh, sw);
        int f = wd[0];
        boolean bias = n.proto.getInputCount() == 3 && !n.proto.getInput(2).isEmpty();
        ImportedLayer l = new ImportedLayer(n.label, true, a -> new Conv2DConfig(f, kh, kw, sh, sw, padding, bias, a));
        l.values.put("weights", ChainReader.floats(n, wt));
        if (bias) {
            TensorProto bt = r.constant(n, 2);
            float[] b = ChainReader.floats(n, bt);
            if (b.length != f) {
                throw n.error("bias '" + bt.getName() + "' has " + b.length + " values for " + f + " filters");
            }
            l.values.put("bias", b);
        }
        l.biasOpen = true;
        int[] pad = padding.resolve(s[1], s[2], kh, kw, sh, sw);
        r.advance(n, l, new int[] {f, outSize(n, s[1], kh, sh, pad[0], pad[2]), outSize(n, s[2], kw, sw, pad[1], pad[3])});
        return l;
    }

    private static ImportedLayer pool(OnnxNode n, ChainReader r, boolean max) {
        if (max) {
            n.allowOnly("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
            if (n.intAttr("storage_order", 0) != 0) {
                throw n.error("attribute storage_order=" + n.intAttr("storage_order", 0) + " is not supported (only 0)");
            }
            for (int i = 1; i < n.proto.getOutputCount(); i++) {
                if (!n.proto.getOutput(i).isEmpty() && r.isUsed(n.proto.getOutput(i))) {
                    throw n.error("its Indices output '" + n.proto.getOutput(i) + "' is used; nn4j's MaxPool has none");
                }
            }
        } else {
            n.allowOnly("auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides");
        }
        ChainReader.requireInputs(n, 1, 1);
        int[] s = image(n, r);
        if (n.intAttr("ceil_mode", 0) != 0) {
            throw n.error("attribute ceil_mode=" + n.intAttr("ceil_mode", 0) + " is not supported (only 0)");
        }
        requireOnes(n, "dilations");
        long[] ks = n.intsAttr("kernel_shape", 2, null);
        if (ks == null) {
            throw n.error("attribute kernel_shape is missing");
        }
        long[] st = n.intsAttr("strides", 2, new long[] {1, 1});
        int kh = positive(n, "kernel_shape", ks[0]), kw = positive(n, "kernel_shape", ks[1]);
        int sh = positive(n, "strides", st[0]), sw = positive(n, "strides", st[1]);
        Padding padding = padding(n, s, kh, kw, sh, sw);
        int[] pad = padding.resolve(s[1], s[2], kh, kw, sh, sw);
        if (!max && n.intAttr("count_include_pad", 0) != 0 && Arrays.stream(pad).anyMatch(p -> p != 0)) {
            throw n.error("attribute count_include_pad=1 with pads " + Arrays.toString(pad) + " is not supported: nn4j's "
                    + "average pool divides by the positions inside the image (count_include_pad=0)");
        }
        ImportedLayer l = new ImportedLayer(n.label, false, a -> max ? new MaxPool2DConfig(kh, kw, sh, sw, padding)
                : new AvgPool2DConfig(kh, kw, sh, sw, padding));
        r.advance(n, l, new int[] {s[0], outSize(n, s[1], kh, sh, pad[0], pad[2]), outSize(n, s[2], kw, sw, pad[1], pad[3])});
        return l;
    }

    private static ImportedLayer globalAveragePool(OnnxNode n, ChainReader r) {
        n.allowOnly();
        ChainReader.requireInputs(n, 1, 1);
        int[] s = image(n, r);
        ImportedLayer l = new ImportedLayer(n.label, false, a -> new GlobalAvgPool2DConfig());
        // nn4j's layer gives [C] per sample; ONNX's [C, 1, 1] reaches [C] through the Flatten that follows.
        r.advance(n, l, new int[] {s[0]});
        return l;
    }

    private static ImportedLayer batchNorm(OnnxNode n, ChainReader r) {
        n.allowOnly("epsilon", "momentum", "training_mode", "spatial");
        ChainReader.requireInputs(n, 5, 5);
        if (n.intAttr("training_mode", 0) != 0) {
            throw n.error("attribute training_mode=1 is not supported (nn4j imports the inference form)");
        }
        if (n.intAttr("spatial", 1) != 1) {
            throw n.error("attribute spatial=0 is not supported (only per-channel statistics)");
        }
        for (int i = 1; i < n.proto.getOutputCount(); i++) {
            if (!n.proto.getOutput(i).isEmpty() && r.isUsed(n.proto.getOutput(i))) {
                throw n.error("its training output '" + n.proto.getOutput(i) + "' is used; nn4j imports the inference form");
            }
        }
        int[] s = r.shape();
        if (s.length != 1 && s.length != 3) {
            throw n.error("needs [batch, features] or [batch, C, H, W] but gets [batch, " + ChainReader.join(s) + "]");
        }
        int c = s[0];
        String[] names = {"gamma", "beta", "running_mean", "running_var"};
        double eps = n.decimalAttr("epsilon", 1e-5);
        // ONNX: running = momentum * running + (1 - momentum) * batch; nn4j and PyTorch weigh the batch instead
        double momentum = java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(n.decimalAttr("momentum", 0.9)))
                .doubleValue();
        if (!(momentum >= 0 && momentum <= 1)) {
            throw n.error("attribute momentum " + (1 - momentum) + " is outside [0, 1]");
        }
        ImportedLayer l = new ImportedLayer(n.label, false, a -> new BatchNormConfig(eps, momentum));
        for (int i = 0; i < 4; i++) {
            TensorProto t = r.constant(n, i + 1);
            float[] v = ChainReader.floats(n, t);
            if (v.length != c) {
                throw n.error(names[i] + " '" + t.getName() + "' has " + v.length + " values for " + c + " channels");
            }
            l.values.put(names[i], v);
        }
        r.advance(n, l, s);
        return l;
    }

    /** The padding from auto_pad or pads: VALID and SAME_UPPER as nn4j's valid and same, explicit pads as given. */
    private static Padding padding(OnnxNode n, int[] s, int kh, int kw, int sh, int sw) {
        String auto = n.stringAttr("auto_pad", "NOTSET");
        switch (auto) {
            case "VALID":
                return Padding.valid();
            case "SAME_UPPER":
                return Padding.same();
            case "NOTSET":
                break;
            default:
                throw n.error("attribute auto_pad=" + auto + " is not supported (NOTSET, VALID or SAME_UPPER)");
        }
        long[] p = n.intsAttr("pads", 4, new long[4]);
        for (long v : p) {
            if (v < 0 || v > Math.max(kh, kw)) {
                throw n.error("pads " + Arrays.toString(p) + " must be between 0 and the kernel size");
            }
        }
        if (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) {
            return Padding.valid();
        }
        // ONNX: [H_begin, W_begin, H_end, W_end] = top, left, bottom, right
        return Padding.of((int) p[0], (int) p[1], (int) p[2], (int) p[3]);
    }

    private static void requireOnes(OnnxNode n, String attr) {
        long[] d = n.intsAttr(attr, null);
        if (d != null) {
            for (long v : d) {
                if (v != 1) {
                    throw n.error("attribute " + attr + " " + Arrays.toString(d) + " is not supported (only 1)");
                }
            }
        }
    }

    private static int positive(OnnxNode n, String attr, long v) {
        if (v < 1 || v > 1 << 16) {
            throw n.error("attribute " + attr + " value " + v + " is out of range");
        }
        return (int) v;
    }

    private static int outSize(OnnxNode n, int in, int k, int stride, int before, int after) {
        int span = in + before + after - k;
        if (span < 0) {
            throw n.error("kernel " + k + " is larger than the padded input " + (in + before + after));
        }
        return span / stride + 1;
    }
}
