package dev.nn4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.nn4j.tensor.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX graph as a chain of nn4j layers: from the one graph input, node by node, to
 * the one graph output. Every node must take the previous value and otherwise only constants
 * (initializers or Constant nodes); an activation folds into the dense or conv layer before
 * it. Throws {@link IllegalArgumentException} naming the node, op and attribute at fault. One
 * instance per graph.
 */
final class ChainReader {
    private final ModelProto model;
    private final GraphProto graph;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();
    private final Map<NodeProto, Integer> order = new HashMap<>();
    private final Set<OnnxNode> visited = new HashSet<>();
    private final List<OnnxNode> nodes = new ArrayList<>();
    final List<ImportedLayer> layers = new ArrayList<>();
    /** Per-sample input shape ({@code [features]} or {@code [C, H, W]}). */
    int[] inputShape;
    /** Per-sample shape of the current value. */
    private int[] shape;
    private String current;
    private String output;
    long opset;

    ChainReader(ModelProto model) {
        this.model = model;
        if (!model.hasGraph()) {
            throw new IllegalArgumentException("the model has no graph");
        }
        this.graph = model.getGraph();
    }

    /** Reads the whole chain into {@link #layers}. */
    void read() {
        readOpset();
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto p = graph.getNode(i);
            OnnxNode n = new OnnxNode(p, i);
            order.put(p, i);
            if (!p.getDomain().isEmpty() && !p.getDomain().equals("ai.onnx")) {
                throw n.error("op domain '" + p.getDomain() + "' is not supported (only the default ONNX domain)");
            }
            if (p.getOpType().equals("Constant")) {
                constants.put(single(n, p.getOutputList(), "output"), constantValue(n));
                continue;
            }
            nodes.add(n);
            for (String in : p.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        readInputOutput();
        while (!current.equals(output)) {
            step();
        }
        for (OnnxNode n : nodes) {
            if (!visited.contains(n)) {
                throw n.error("is not on the chain from the input to the output; nn4j imports only a linear chain of nodes");
            }
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the graph has no layer nn4j can build (only pass-through nodes)");
        }
    }

    private void readOpset() {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = o.getVersion();
            }
        }
        if (opset <= 0) {
            throw new IllegalArgumentException("the model imports no opset of the default ONNX domain");
        }
    }

    private void readInputOutput() {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!constants.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the graph has " + inputs.size() + " inputs besides its initializers "
                    + names(inputs) + "; nn4j imports models with exactly one");
        }
        if (graph.getOutputCount() != 1) {
            throw new IllegalArgumentException("the graph has " + graph.getOutputCount() + " outputs " + names(graph.getOutputList())
                    + "; nn4j imports models with exactly one");
        }
        ValueInfoProto in = inputs.get(0);
        current = in.getName();
        output = graph.getOutput(0).getName();
        TypeProto t = in.getType();
        if (!t.hasTensorType() || t.getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("input '" + current + "' is not a float tensor (element type "
                    + (t.hasTensorType() ? OnnxTensors.typeName(t.getTensorType().getElemType()) : "none") + ")");
        }
        TensorShapeProto s = t.getTensorType().getShape();
        if (s.getDimCount() != 2 && s.getDimCount() != 4) {
            throw new IllegalArgumentException("input '" + current + "' has rank " + s.getDimCount()
                    + "; nn4j imports [batch, features] or [batch, C, H, W] inputs");
        }
        shape = new int[s.getDimCount() - 1];
        for (int i = 1; i < s.getDimCount(); i++) {
            TensorShapeProto.Dimension d = s.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("input '" + current + "' dimension " + i + " is "
                        + (d.hasDimValue() ? d.getDimValue() : "'" + d.getDimParam() + "'")
                        + "; every dimension but the batch must be a fixed positive size");
            }
            shape[i - 1] = (int) d.getDimValue();
        }
        inputShape = shape.clone();
    }

    /** Consumes the node(s) after {@link #current}. */
    private void step() {
        List<OnnxNode> next = new ArrayList<>(consumers.getOrDefault(current, List.of()));
        next.removeIf(visited::contains);
        if (next.size() > 1 && next.removeIf(c -> c.op().equals("Shape") && shapeSubgraph(c))) {
            // the Shape reads only the size of the current value: the data still flows along one chain
            next.removeIf(visited::contains);
        }
        if (next.isEmpty()) {
            throw new IllegalArgumentException("value '" + current + "' feeds no node and is not the graph output '"
                    + output + "'");
        }
        String op = next.get(0).op();
        boolean direct = op.equals("Tanh") || (op.equals("Add") && isBiasAdd(next.get(0)));
        if (next.size() > 1 || ElementwiseFunction.OPS.contains(op) && !direct) {
            elementwiseRegion(next);
            return;
        }
        OnnxNode n = next.get(0);
        if (visited.contains(n)) {
            throw n.error("is reached twice: the graph has a cycle");
        }
        visited.add(n);
        if (n.proto.getInputList().stream().filter(current::equals).count() > 1) {
            throw n.error("takes '" + current + "' twice; nn4j imports only a linear chain");
        }
        translate(n);
    }

    private void translate(OnnxNode n) {
        switch (n.op()) {
            case "Gemm": gemm(n); break;
            case "MatMul": matmul(n); break;
            case "Add": biasAdd(n); break;
            case "Relu": n.allowOnly(); unary(n, Activation.RELU); break;
            case "Sigmoid": n.allowOnly(); unary(n, Activation.SIGMOID); break;
            case "Tanh": n.allowOnly(); unary(n, Activation.TANH); break;
            case "LeakyRelu": {
                n.allowOnly("alpha");
                unary(n, checked(n, () -> Activation.leakyRelu(n.decimalAttr("alpha", 0.01))));
                break;
            }
            case "Elu": {
                n.allowOnly("alpha");
                unary(n, checked(n, () -> Activation.elu(n.decimalAttr("alpha", 1.0))));
                break;
            }
            case "Softmax": softmax(n); break;
            case "Gelu": {
                n.allowOnly("approximate");
                String approx = n.stringAttr("approximate", "none");
                if (!approx.equals("tanh")) {
                    throw n.error("approximate='" + approx + "' is exact GELU; nn4j's GELU is the tanh approximation "
                            + "(approximate='tanh')");
                }
                unary(n, Activation.GELU);
                break;
            }
            case "Identity": n.allowOnly(); pass(n); break;
            case "Dropout": dropout(n); break;
            case "Pad": pad(n); break;
            case "Flatten": flatten(n); break;
            case "Reshape": reshape(n); break;
            default:
                ImportedLayer layer = LayerImport.imageLayer(n, this);
                if (layer == null) {
                    throw n.error("op " + n.op() + " is not supported by nn4j's ONNX import");
                }
                break;
        }
    }

    // ---- dense ----

    private void gemm(OnnxNode n) {
        n.allowOnly("alpha", "beta", "transA", "transB");
        requireInputs(n, 2, 3);
        if (n.intAttr("transA", 0) != 0) {
            throw n.error("attribute transA=" + n.intAttr("transA", 0) + " is not supported (only 0)");
        }
        boolean transB = n.intAttr("transB", 0) != 0;
        float alpha = n.floatAttr("alpha", 1f);
        float beta = n.floatAttr("beta", 1f);
        int in = features(n);
        TensorProto bt = constant(n, 1);
        int[] bd = dims(n, bt, 2);
        int out = transB ? bd[0] : bd[1];
        int k = transB ? bd[1] : bd[0];
        if (k != in) {
            throw n.error("weights " + Arrays.toString(bd) + (transB ? " (transB)" : "") + " take " + k
                    + " inputs, the value before has " + in);
        }
        float[] b = floats(n, bt);
        float[] w = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                w[i * out + j] = alpha * (transB ? b[j * in + i] : b[i * out + j]);
            }
        }
        float[] bias = new float[out];
        if (n.proto.getInputCount() == 3 && !n.proto.getInput(2).isEmpty()) {
            addBias(n, bias, constant(n, 2), beta);
        }
        dense(n, in, out, w, bias);
    }

    private void matmul(OnnxNode n) {
        n.allowOnly();
        requireInputs(n, 2, 2);
        int in = features(n);
        TensorProto wt = constant(n, 1);
        int[] wd = dims(n, wt, 2);
        if (wd[0] != in) {
            throw n.error("weights " + Arrays.toString(wd) + " take " + wd[0] + " inputs, the value before has " + in);
        }
        dense(n, in, wd[1], floats(n, wt), new float[wd[1]]);
    }

    private void dense(OnnxNode n, int in, int out, float[] w, float[] bias) {
        ImportedLayer l = new ImportedLayer(n.label, true, f -> new dev.nn4j.nn.DenseConfig(in, out, f));
        l.dense = true;
        l.values.put("weights", w);
        l.values.put("bias", bias);
        l.biasOpen = true;
        advance(n, l, new int[] {out});
    }

    private boolean isBiasAdd(OnnxNode n) {
        if (!n.op().equals("Add") || layers.isEmpty() || n.proto.getInputCount() != 2) {
            return false;
        }
        ImportedLayer last = layers.get(layers.size() - 1);
        String other = n.proto.getInput(0).equals(current) ? n.proto.getInput(1) : n.proto.getInput(0);
        return last.biasOpen && last.dense && constants.containsKey(other);
    }

    private void biasAdd(OnnxNode n) {
        if (!isBiasAdd(n)) {
            throw n.error("an Add is supported only as the bias of the MatMul or Gemm right before it");
        }
        n.allowOnly();
        ImportedLayer last = layers.get(layers.size() - 1);
        int k = n.proto.getInput(0).equals(current) ? 1 : 0;
        addBias(n, last.values.get("bias"), constant(n, k), 1f);
        current = single(n, n.proto.getOutputList(), "output");   // an activation may still fold in
    }

    /** Adds {@code scale * c} to {@code bias [out]}, c being [out], [1, out], [1] or a scalar. */
    private void addBias(OnnxNode n, float[] bias, TensorProto c, float scale) {
        float[] v = floats(n, c);
        int[] d = OnnxTensors.dims(c);
        int last = d.length == 0 ? 1 : d[d.length - 1];
        boolean ok = v.length == 1 || (v.length == bias.length && last == bias.length);
        if (!ok) {
            throw n.error("bias '" + c.getName() + "' " + Arrays.toString(d) + " does not broadcast to [batch, "
                    + bias.length + "]");
        }
        for (int j = 0; j < bias.length; j++) {
            bias[j] += scale * v[v.length == 1 ? 0 : j];
        }
    }

    // ---- activations and pass-through nodes ----

    private void softmax(OnnxNode n) {
        n.allowOnly("axis");
        long axis = n.intAttr("axis", opset >= 13 ? -1 : 1);
        if (shape.length != 1 || (axis != 1 && axis != -1)) {
            throw n.error("softmax over axis " + axis + " of a [batch, " + join(shape) + "] value; nn4j's softmax "
                    + "works over the features of [batch, features] (axis 1)");
        }
        unary(n, Activation.SOFTMAX);
    }

    private void unary(OnnxNode n, Activation f) {
        requireInputs(n, 1, 1);
        activation(n, f);
    }

    /** Folds {@code f} into the layer before when it has none, otherwise appends a standalone activation layer. */
    void activation(OnnxNode n, Activation f) {
        ImportedLayer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (last != null && last.takesActivation && last.activation.equals(Activation.IDENTITY) && last.biasOpen) {
            last.activation = f;
            last.biasOpen = false;
            moveTo(n);
            return;
        }
        ImportedLayer standalone = LayerImport.standaloneActivation(n, f, shape);
        advance(n, standalone, shape);
    }

    private void dropout(OnnxNode n) {
        n.allowOnly("seed", "ratio", "is_test");
        requireInputs(n, 1, 3);
        if (n.intAttr("is_test", 1) == 0) {
            throw n.error("is_test=0 is training mode; nn4j imports Dropout in inference form only");
        }
        if (n.proto.getInputCount() == 3 && !n.proto.getInput(2).isEmpty()) {
            long[] training = OnnxTensors.longsOrBool(constant(n, 2));
            if (training.length != 1 || training[0] != 0) {
                throw n.error("training_mode is true; nn4j imports Dropout in inference form only");
            }
        }
        for (int i = 1; i < n.proto.getOutputCount(); i++) {
            String mask = n.proto.getOutput(i);
            if (isUsed(mask)) {
                throw n.error("its mask output '" + mask + "' is used; nn4j imports Dropout in inference form only");
            }
        }
        passFirst(n);
    }

    private void pad(OnnxNode n) {
        n.allowOnly("mode");
        requireInputs(n, 1, 3);
        long[] pads = n.proto.getInputCount() > 1 ? OnnxTensors.longs(constant(n, 1)) : n.intsAttr("pads", new long[0]);
        for (long v : pads) {
            if (v != 0) {
                throw n.error("pads " + Arrays.toString(pads) + " are not all zero; nn4j imports Pad only as a no-op "
                        + "(padding belongs in the Conv or pool attributes)");
            }
        }
        pass(n);
    }

    private void flatten(OnnxNode n) {
        n.allowOnly("axis");
        long axis = n.intAttr("axis", 1);
        if (axis != 1) {
            throw n.error("attribute axis=" + axis + " is not supported (only 1: [batch, features])");
        }
        requireInputs(n, 1, 1);
        flattenTo2D(n);
    }

    private void reshape(OnnxNode n) {
        n.allowOnly("allowzero");
        requireInputs(n, 2, 2);
        long[] target = OnnxTensors.longs(constant(n, 1));
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        boolean zeroCopies = n.intAttr("allowzero", 0) == 0;
        boolean keepsBatch = target.length == 2 && (target[0] == ShapeArithmetic.BATCH || (zeroCopies && target[0] == 0));
        boolean ok = target.length == 2
                && ((target[0] == -1 && target[1] == size) || (keepsBatch && (target[1] == -1 || target[1] == size)));
        if (!ok) {
            throw n.error("shape " + Arrays.toString(target).replace(String.valueOf(ShapeArithmetic.BATCH), "batch") + " of a [batch, " + join(shape) + "] value: nn4j imports "
                    + "Reshape only to [batch, " + size + "] (as [-1, " + size + "] or [0, -1])");
        }
        flattenTo2D(n);
    }

    private void flattenTo2D(OnnxNode n) {
        if (shape.length == 1) {
            pass(n);
            return;
        }
        advance(n, LayerImport.flatten(n, shape), new int[] {size(shape)});
    }

    private void pass(OnnxNode n) {
        requireInputs(n, 1, n.proto.getInputCount());
        if (n.proto.getOutputCount() != 1) {
            throw n.error("has " + n.proto.getOutputCount() + " outputs; expected 1");
        }
        moveTo(n);
    }

    private void passFirst(OnnxNode n) {
        if (n.proto.getOutputCount() < 1) {
            throw n.error("has no output");
        }
        current = n.proto.getOutput(0);
        closeBias();
    }

    // ---- shape arithmetic (x.view(x.size(0), -1)) ----

    /**
     * Evaluates the integer nodes fed by {@code shapeNode} (Shape of the current value) and
     * stores their results as INT64 constants, so a Reshape reads its target from them.
     */
    private boolean shapeSubgraph(OnnxNode shapeNode) {
        Map<String, long[]> known = new HashMap<>();
        known.put(single(shapeNode, shapeNode.proto.getOutputList(), "output"), ShapeArithmetic.shapeOf(shapeNode, shape));
        visited.add(shapeNode);
        int start = order.get(shapeNode.proto);
        for (OnnxNode n : nodes) {
            if (order.get(n.proto) <= start || visited.contains(n) || !ShapeArithmetic.OPS.contains(n.op())) {
                continue;
            }
            long[] v = ShapeArithmetic.apply(n, known, constants);
            if (v != null) {
                known.put(single(n, n.proto.getOutputList(), "output"), v);
                visited.add(n);
            }
        }
        for (Map.Entry<String, long[]> e : known.entrySet()) {
            constants.put(e.getKey(), OnnxTensors.longTensor(e.getKey(), e.getValue()));
        }
        return true;
    }

    // ---- element-wise subgraphs (activations written out as several nodes) ----

    private void elementwiseRegion(List<OnnxNode> first) {
        String x = current;
        List<OnnxNode> region = new ArrayList<>();
        Map<String, Double> scalars = new HashMap<>();
        Set<String> produced = new HashSet<>();
        produced.add(x);
        // Grow the region in graph order: nodes of the element-wise ops whose inputs are x, earlier
        // region outputs or scalar constants. A candidate end is a point where only one value is live.
        List<Integer> ends = new ArrayList<>();
        Set<OnnxNode> inRegion = new HashSet<>();
        int startIndex = Integer.MAX_VALUE;
        for (OnnxNode f : first) {
            startIndex = Math.min(startIndex, order.get(f.proto));
        }
        for (OnnxNode n : nodes) {
            if (order.get(n.proto) < startIndex || visited.contains(n)) {
                continue;
            }
            boolean feeds = false;
            boolean fits = ElementwiseFunction.OPS.contains(n.op()) && n.proto.getOutputCount() == 1
                    && n.proto.getInputCount() >= 1 && n.proto.getInputCount() <= 2 && n.proto.getAttributeCount() == 0;
            for (String in : n.proto.getInputList()) {
                if (produced.contains(in)) {
                    feeds = true;
                } else if (!isScalar(in)) {
                    fits = false;
                }
            }
            if (!feeds) {
                continue;
            }
            if (!fits) {
                break;
            }
            for (String in : n.proto.getInputList()) {
                if (!produced.contains(in)) {
                    scalars.put(in, (double) floats(n, constants.get(in))[0]);
                }
            }
            region.add(n);
            inRegion.add(n);
            produced.add(n.proto.getOutput(0));
            if (live(produced, inRegion) == 1) {
                ends.add(region.size());
            }
        }
        for (int e = ends.size() - 1; e >= 0; e--) {
            List<OnnxNode> part = region.subList(0, ends.get(e));
            ElementwiseFunction f = new ElementwiseFunction(part, x, scalars);
            if (f.matches(Activation.GELU::apply)) {
                OnnxNode last = part.get(part.size() - 1);
                visited.addAll(part);
                activation(last, Activation.GELU);
                return;
            }
            if (f.matches(v -> 0.5 * v * (1 + ElementwiseFunction.erf(v / Math.sqrt(2))))) {
                throw part.get(part.size() - 1).error("nodes " + labels(part) + " compute exact (erf) GELU; nn4j's GELU "
                        + "is the tanh approximation (PyTorch: nn.GELU(approximate='tanh'))");
            }
        }
        throw first.get(0).error("value '" + x + "' feeds " + labels(first)
                + (region.isEmpty() ? "" : ", an element-wise subgraph " + labels(region) + " that is not an activation nn4j knows;")
                + " nn4j imports only a linear chain of supported nodes");
    }

    /** How many produced values still have consumers outside {@code inRegion} (or are the graph output). */
    private int live(Set<String> produced, Set<OnnxNode> inRegion) {
        int live = 0;
        for (String v : produced) {
            boolean pending = v.equals(output);
            for (OnnxNode c : consumers.getOrDefault(v, List.of())) {
                pending |= !inRegion.contains(c);
            }
            live += pending ? 1 : 0;
        }
        return live;
    }

    private boolean isScalar(String name) {
        TensorProto t = constants.get(name);
        if (t == null) {
            return false;
        }
        try {
            return OnnxTensors.count(OnnxTensors.dims(t)) == 1
                    && (t.getDataType() == TensorProto.DataType.FLOAT_VALUE || t.getDataType() == TensorProto.DataType.DOUBLE_VALUE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- helpers shared with LayerImport ----

    /** Appends {@code layer} made from node {@code n}, whose output has per-sample {@code newShape}. */
    void advance(OnnxNode n, ImportedLayer layer, int[] newShape) {
        closeBias();
        layers.add(layer);
        shape = newShape;
        current = single(n, n.proto.getOutputList(), "output");
    }

    private void moveTo(OnnxNode n) {
        closeBias();
        current = single(n, n.proto.getOutputList(), "output");
    }

    private void closeBias() {
        if (!layers.isEmpty()) {
            layers.get(layers.size() - 1).biasOpen = false;
        }
    }

    /** True when {@code value} is named and feeds a node or is the graph output. */
    boolean isUsed(String value) {
        return !value.isEmpty() && (consumers.containsKey(value) || value.equals(output));
    }

    int[] shape() {
        return shape;
    }

    /** The features of a [batch, features] value; an error for images. */
    private int features(OnnxNode n) {
        if (shape.length != 1) {
            throw n.error("needs a [batch, features] input but gets [batch, " + join(shape) + "]; add a Flatten before it");
        }
        return shape[0];
    }

    /** Input {@code i} of {@code n} as a constant. */
    TensorProto constant(OnnxNode n, int i) {
        if (i >= n.proto.getInputCount() || n.proto.getInput(i).isEmpty()) {
            throw n.error("input " + i + " is missing");
        }
        TensorProto t = constants.get(n.proto.getInput(i));
        if (t == null) {
            throw n.error("input " + i + " '" + n.proto.getInput(i) + "' is not an initializer or Constant; nn4j imports "
                    + "only a linear chain whose other inputs are constants");
        }
        return t;
    }

    static void requireInputs(OnnxNode n, int min, int max) {
        int c = n.proto.getInputCount();
        if (c < min || c > max) {
            throw n.error("has " + c + " inputs; expected " + (min == max ? "" + min : min + " to " + max));
        }
    }

    static int[] dims(OnnxNode n, TensorProto t, int rank) {
        int[] d;
        try {
            d = OnnxTensors.dims(t);
        } catch (IllegalArgumentException e) {
            throw n.error("tensor '" + t.getName() + "': " + e.getMessage());
        }
        if (d.length != rank) {
            throw n.error("tensor '" + t.getName() + "' has shape " + Arrays.toString(d) + "; expected rank " + rank);
        }
        return d;
    }

    static float[] floats(OnnxNode n, TensorProto t) {
        try {
            return OnnxTensors.floats(t);
        } catch (IllegalArgumentException e) {
            throw n.error("tensor '" + t.getName() + "': " + e.getMessage());
        }
    }

    private static TensorProto constantValue(OnnxNode n) {
        n.allowOnly("value", "value_float", "value_floats", "value_int", "value_ints");
        AttributeProto a;
        if ((a = n.attribute("value")) != null && a.hasT()) {
            return a.getT().toBuilder().setName(n.proto.getOutput(0)).build();
        }
        if ((a = n.attribute("value_float")) != null) {
            return OnnxTensors.floatTensor(n.proto.getOutput(0), new long[0], new float[] {a.getF()});
        }
        if ((a = n.attribute("value_floats")) != null) {
            float[] v = new float[a.getFloatsCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.getFloats(i);
            }
            return OnnxTensors.floatTensor(n.proto.getOutput(0), new long[] {v.length}, v);
        }
        if ((a = n.attribute("value_int")) != null) {
            return OnnxTensors.longTensor(n.proto.getOutput(0), new long[] {a.getI()}).toBuilder().clearDims().build();
        }
        if ((a = n.attribute("value_ints")) != null) {
            long[] v = new long[a.getIntsCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.getInts(i);
            }
            return OnnxTensors.longTensor(n.proto.getOutput(0), v);
        }
        throw n.error("has no value");
    }

    private static String single(OnnxNode n, List<String> outputs, String what) {
        if (outputs.size() != 1 || outputs.get(0).isEmpty()) {
            throw n.error("has " + outputs.size() + " " + what + "s; expected 1");
        }
        return outputs.get(0);
    }

    private static <T> T checked(OnnxNode n, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    static int size(int[] shape) {
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }

    static String join(int[] shape) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.toString();
    }

    private static String labels(List<OnnxNode> ns) {
        List<String> out = new ArrayList<>();
        for (OnnxNode n : ns) {
            out.add(n.label.substring(5));
        }
        return out.toString();
    }

    private static String names(List<ValueInfoProto> vs) {
        List<String> out = new ArrayList<>();
        for (ValueInfoProto v : vs) {
            out.add(v.getName());
        }
        return out.toString();
    }

    /** The chain's layers by position with parameter names ({@code layer0.weights} -> values). */
    Map<String, float[]> parameterValues() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, float[]> e : layers.get(i).values.entrySet()) {
                out.put("layer" + i + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
