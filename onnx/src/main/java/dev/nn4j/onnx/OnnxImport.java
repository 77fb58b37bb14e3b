package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.jr.ob.JSON;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.nn.ActivationConfig;
import dev.nn4j.nn.DenseConfig;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.Loss;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Optimizers;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Sequential} from an ONNX model whose graph is a linear chain of supported
 * nodes: {@code Gemm} (any transB, alpha and beta) or {@code MatMul} + {@code Add} as dense;
 * {@code Conv} (group 1, dilations 1, explicit pads or auto_pad VALID/SAME_UPPER);
 * {@code MaxPool} and {@code AveragePool} (ceil_mode 0; padding only with
 * count_include_pad 0); {@code GlobalAveragePool}; {@code BatchNormalization} (inference
 * form); {@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code LeakyRelu}, {@code Elu},
 * {@code Softmax} (over the features), {@code Gelu} with {@code approximate="tanh"} and
 * PyTorch's written-out tanh-GELU, folded into the dense or conv layer before or else a
 * standalone activation layer; {@code Flatten} or {@code Reshape} to {@code [batch, features]}
 * (also with a target computed by {@code Shape}/{@code Gather}/{@code Concat});
 * {@code Dropout}, {@code Identity} and an all-zero {@code Pad} as pass-through. Initializers
 * may use raw_data, float_data or double_data; values become float32 unless asked otherwise.
 *
 * <p>The input must be {@code [batch, features]} or {@code [batch, C, H, W]} with fixed sizes
 * but the batch. Anything else (an unsupported op or attribute, a branching graph, a
 * truncated or corrupted file, sizes that do not add up) is an {@link OnnxFormatException}
 * naming the file, node, op and attribute. The loss and optimizer come from nn4j's
 * {@code metadata_props} when nn4j wrote the file; otherwise softmax cross-entropy after a
 * softmax output (MSE for other outputs) and {@code Adam(1e-3)}, so an imported model can be
 * fine-tuned with {@code fit} at once. Stateless and thread-safe; cost is one pass over the
 * file plus one copy of the parameters.
 */
public final class OnnxImport {
    /** metadata_props key holding the loss id. */
    public static final String META_LOSS = "nn4j.loss";
    /** metadata_props key holding the optimizer as JSON ({@code {"id":..., "config":{...}}}). */
    public static final String META_OPTIMIZER = "nn4j.optimizer";
    /** Files above this size are refused before reading (protobuf's own limit is 2 GB). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private OnnxImport() {
    }

    /** The model in {@code file} on {@code backend}, in float32, with the stored or default loss and optimizer. */
    public static Sequential load(Path file, Backend backend) throws IOException {
        return load(file, backend, DType.FLOAT32, null, null);
    }

    /**
     * The model in {@code file} on {@code backend} in {@code dtype} (FLOAT32 or FLOAT64; an
     * integer dtype throws {@link IllegalArgumentException}); {@code loss} and
     * {@code optimizer} may be null for the stored or default ones (see the class description).
     */
    public static Sequential load(Path file, Backend backend, DType dtype, Loss loss, Optimizer optimizer)
            throws IOException {
        if (dtype != null && !dtype.isFloating()) {
            throw new IllegalArgumentException("onnx import: dtype " + dtype
                    + " is not a floating type; a model's dtype is FLOAT32 or FLOAT64");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new OnnxFormatException(file, "file is " + size + " bytes; nn4j reads ONNX files up to 2 GB");
        }
        return fromBytes(file, Files.readAllBytes(file), backend, dtype, loss, optimizer);
    }

    /** The model in {@code bytes} (a serialized ONNX ModelProto); {@code file} only names it in messages and may be null. */
    static Sequential fromBytes(Path file, byte[] bytes, Backend backend, DType dtype, Loss loss, Optimizer optimizer)
            throws OnnxFormatException {
        ModelProto proto = parse(file, bytes);
        ChainReader reader;
        try {
            reader = new ChainReader(proto);
            reader.read();
        } catch (IllegalArgumentException e) {
            throw new OnnxFormatException(file, e.getMessage(), e);
        }
        try {
            return build(proto, reader, backend, dtype, loss, optimizer);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new OnnxFormatException(file, "the graph does not make a valid nn4j model: " + e.getMessage(), e);
        }
    }

    static ModelProto parse(Path file, byte[] bytes) throws OnnxFormatException {
        if (bytes.length == 0) {
            throw new OnnxFormatException(file, "file is empty; expected an ONNX model");
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(bytes.length);
            ModelProto m = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException(file, "not a valid ONNX model (truncated or corrupted protobuf): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OnnxFormatException(file, "not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    private static Sequential build(ModelProto proto, ChainReader reader, Backend backend, DType dtype, Loss loss,
                                    Optimizer optimizer) throws OnnxFormatException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (StringStringEntryProto e : proto.getMetadataPropsList()) {
            meta.put(e.getKey(), e.getValue());
        }
        List<ImportedLayer> layers = reader.layers;
        Sequential.Builder b = Sequential.builder().backend(backend).dtype(dtype);
        LayerShapes.input(b, reader.inputShape);
        LayerConfig last = null;
        for (ImportedLayer l : layers) {
            last = l.config();
            b.layer(last);
        }
        b.loss(loss != null ? loss : storedLoss(meta, last));
        b.optimizer(optimizer != null ? optimizer : storedOptimizer(meta));
        Sequential model = b.build();
        for (Map.Entry<String, float[]> e : reader.parameterValues().entrySet()) {
            Parameter p = model.parameter(e.getKey());
            if (p.size() != e.getValue().length) {
                model.close();
                throw new IllegalStateException(e.getKey() + " " + p.shape() + " needs " + p.size() + " values, the file gives "
                        + e.getValue().length);
            }
            p.value().setAll(e.getValue());
        }
        return model;
    }

    private static Loss storedLoss(Map<String, String> meta, LayerConfig last) {
        String id = meta.get(META_LOSS);
        if (id != null) {
            return Losses.parse(id);
        }
        boolean softmax = last instanceof DenseConfig && ((DenseConfig) last).activation().equals(Activation.SOFTMAX)
                || last instanceof ActivationConfig && ((ActivationConfig) last).activation().equals(Activation.SOFTMAX);
        return softmax ? Losses.softmaxCrossEntropy() : Losses.mse();
    }

    private static Optimizer storedOptimizer(Map<String, String> meta) throws OnnxFormatException {
        String json = meta.get(META_OPTIMIZER);
        if (json == null) {
            return new Adam(1e-3);
        }
        try {
            Map<String, Object> o = JSON.std.mapFrom(json);
            Object id = o.get("id");
            Object raw = o.get("config");
            if (!(id instanceof String) || !(raw instanceof Map)) {
                throw new OnnxFormatException(null, "metadata " + META_OPTIMIZER + " lacks id or config: " + json);
            }
            Map<String, Double> config = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
                if (!(e.getValue() instanceof Number)) {
                    throw new OnnxFormatException(null, "metadata " + META_OPTIMIZER + ": " + e.getKey() + " is not a number");
                }
                config.put(String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue());
            }
            return Optimizers.create((String) id, config);
        } catch (IOException e) {
            throw new OnnxFormatException(null, "metadata " + META_OPTIMIZER + " is not JSON: " + json, e);
        }
    }
}
