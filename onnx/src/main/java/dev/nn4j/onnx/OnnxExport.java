package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.nn4j.io.AtomicFiles;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes a {@link Sequential} or any {@link GraphModel} as an ONNX model that ONNX Runtime,
 * PyTorch's and other runtimes load.
 *
 * <p>The graph is a chain from the input {@value #INPUT} {@code [batch, ...per-sample shape]}
 * ({@code [batch, features]} or {@code [batch, C, H, W]}) to the output {@value #OUTPUT}
 * {@code [batch, outputs]}; {@code batch} is a dynamic dimension. Opset {@value #OPSET} of the
 * default domain (IR version {@value #IR_VERSION}), float32 tensors whatever the model's dtype.
 * Each layer becomes: dense, a {@code Gemm} (weights {@code [in x out]} as stored, bias
 * {@code [out]}); conv, a {@code Conv} (weights {@code [F, C, kh, kw]}, explicit pads); max and
 * average pooling, {@code MaxPool} and {@code AveragePool} ({@code count_include_pad=0});
 * global average pooling, {@code GlobalAveragePool} + {@code Flatten}; flatten, {@code Flatten};
 * batch norm, {@code BatchNormalization} with the running statistics (inference form); dropout,
 * nothing. Activations (of dense and conv layers, or standalone): sigmoid, tanh, ReLU, leaky
 * ReLU and ELU (with alpha), softmax (axis 1), GELU as the opset-20 {@code Gelu} with
 * {@code approximate="tanh"} (nn4j's GELU is the tanh approximation); identity adds no node.
 * Initializers keep nn4j's parameter names ({@code layer0.weights}). A layer type with no ONNX
 * form is an {@link IllegalArgumentException} naming the layer. A graph ({@link #toBytes(GraphModel)})
 * keeps its input and output names, and its merges become {@code Add}, {@code Mul} and
 * {@code Concat}; the loss metadata lists each output's loss, comma-separated.
 *
 * <p>Producer metadata: {@code producer_name} nn4j with its version, the model's description
 * as {@code doc_string}, and the loss and optimizer in {@code metadata_props}
 * ({@code nn4j.loss}, {@code nn4j.optimizer}) so {@link OnnxImport} restores them. Stateless
 * and thread-safe as long as the model is not trained meanwhile; cost is one copy of the
 * parameters.
 */
public final class OnnxExport {
    /** The opset version of the default ONNX domain that exported models use. */
    public static final int OPSET = 20;
    /** The ONNX IR version that goes with {@link #OPSET}. */
    public static final long IR_VERSION = 9;
    /** Name of the graph input. */
    public static final String INPUT = "input";
    /** Name of the graph output. */
    public static final String OUTPUT = "output";
    /** Name of the dynamic batch dimension. */
    public static final String BATCH = "batch";
    /** {@code producer_name} of exported models. */
    public static final String PRODUCER = "nn4j";

    private OnnxExport() {
    }

    /**
     * Writes {@code model} to {@code file} atomically ({@link AtomicFiles}: a temporary file in the same directory,
     * then a move), with the permissions of an ordinary write.
     */
    public static void save(Sequential model, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(model));
    }

    /** The serialized ONNX model. */
    public static byte[] toBytes(Sequential model) {
        return toProto(model).toByteArray();
    }

    /**
     * Writes a graph model to {@code file} atomically, as {@link #save(Sequential, Path)} does; a
     * {@code Sequential} is written exactly as that method writes it.
     */
    public static void save(GraphModel model, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(model));
    }

    /**
     * The serialized ONNX model of a graph: its inputs and outputs keep the model's names
     * ({@link GraphModel#inputNames()}, {@link GraphModel#outputNames()}), each node becomes the
     * ONNX nodes of its layer as for a chain, and the merges become {@code Add}, {@code Mul} and
     * {@code Concat} (at the per-sample axis + 1). A {@code Sequential} gives the bytes of
     * {@link #toBytes(Sequential)}.
     */
    public static byte[] toBytes(GraphModel model) {
        return (model instanceof Sequential s ? toProto(s) : toProto(model)).toByteArray();
    }

    /** The ONNX model as a protobuf message. */
    static ModelProto toProto(Sequential model) {
        GraphBuilder g = new GraphBuilder(INPUT);
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerExport.emit(g, "layer" + i, layers.get(i));
        }
        g.finish(OUTPUT);
        GraphProto graph = GraphProto.newBuilder()
                .setName("nn4j_sequential")
                .addAllNode(g.nodes())
                .addAllInitializer(g.initializers())
                .addInput(valueInfo(INPUT, LayerShapes.inputShape(model)))
                .addOutput(valueInfo(OUTPUT, LayerShapes.outputShape(model)))
                .build();
        return model(model, graph);
    }

    /** A graph model's ONNX form: every node in the model's order, reading its inputs' values by name. */
    static ModelProto toProto(GraphModel model) {
        Map<String, String> values = new java.util.HashMap<>();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("nn4j_graph");
        for (Map.Entry<String, dev.nn4j.tensor.Shape> in : model.inputShapes().entrySet()) {
            values.put(in.getKey(), in.getKey());
            graph.addInput(valueInfo(in.getKey(), in.getValue().dims()));
        }
        GraphBuilder g = new GraphBuilder(model.inputNames().get(0));
        for (String name : model.nodeNames()) {
            List<String> reads = model.nodeInputs(name).stream().map(values::get).toList();
            Layer layer = model.node(name);
            for (String in : model.nodeInputs(name)) {
                dev.nn4j.tensor.Shape shape = model.inputShapes().containsKey(in) ? model.inputShapes().get(in)
                        : model.node(in).outputShape();
                if (LayerExport.isMerge(layer) && shape.rank() != layer.outputShape().rank()) {
                    throw new IllegalArgumentException("onnx export: " + name + " (" + layer.config().type() + ") reads "
                            + in + " " + shape + " of another rank than its output " + layer.outputShape()
                            + "; ONNX broadcasts such shapes differently, so give the inputs one rank first");
                }
            }
            LayerExport.emit(g, name, layer, reads);
            values.put(name, g.current());
        }
        for (Map.Entry<String, dev.nn4j.tensor.Shape> out : model.outputShapes().entrySet()) {
            g.output(values.get(out.getKey()), out.getKey());
            graph.addOutput(valueInfo(out.getKey(), out.getValue().dims()));
        }
        return model(model, graph.addAllNode(g.nodes()).addAllInitializer(g.initializers()).build());
    }

    private static ModelProto model(GraphModel model, GraphProto graph) {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(version())
                .setDomain("dev.nn4j")
                .setModelVersion(1)
                .setDocString(model.toString())
                .addAllMetadataProps(metadata(model))
                .setGraph(graph)
                .build();
    }

    private static List<StringStringEntryProto> metadata(GraphModel model) {
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("id", model.optimizer().id());
        opt.put("config", new LinkedHashMap<>(model.optimizer().config()));
        String optJson;
        try {
            optJson = JSON.std.asString(opt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(
                StringStringEntryProto.newBuilder().setKey(OnnxImport.META_LOSS).setValue(String.join(",",
                        model.losses().stream().map(l -> l.id()).toList())).build(),
                StringStringEntryProto.newBuilder().setKey(OnnxImport.META_OPTIMIZER).setValue(optJson).build());
    }

    /** {@code [batch, perSample...]} with a symbolic batch dimension. */
    private static ValueInfoProto valueInfo(String name, int[] perSample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (int d : perSample) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }

    /** The module version from the build, or "unknown" when run from classes without it. */
    static String version() {
        try (InputStream in = OnnxExport.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
