package dev.nn4j.onnx;

import java.util.List;
import java.util.Map;

/**
 * A small element-wise subgraph (Mul, Add, Sub, Div, Pow, Sqrt, Tanh, Erf over one value and
 * scalar constants), evaluated in double precision. The importer uses it to recognise
 * activations that exporters write out as several nodes, such as PyTorch's tanh-GELU, by
 * comparing the subgraph's values with nn4j's function on a grid of inputs: this does not
 * depend on the order in which an exporter writes the nodes.
 */
final class ElementwiseFunction {
    static final List<String> OPS = List.of("Mul", "Add", "Sub", "Div", "Pow", "Sqrt", "Tanh", "Erf");

    private final List<OnnxNode> nodes;
    private final String input;
    private final Map<String, Double> scalars;

    /** {@code nodes} in topological order, all inputs either {@code input}, an output of an earlier node, or in {@code scalars}. */
    ElementwiseFunction(List<OnnxNode> nodes, String input, Map<String, Double> scalars) {
        this.nodes = nodes;
        this.input = input;
        this.scalars = scalars;
    }

    /** The value of the last node's output for input {@code x}. */
    double apply(double x) {
        Map<String, Double> v = new java.util.HashMap<>(scalars);
        v.put(input, x);
        double last = x;
        for (OnnxNode n : nodes) {
            double a = v.get(n.proto.getInput(0));
            double b = n.proto.getInputCount() > 1 ? v.get(n.proto.getInput(1)) : Double.NaN;
            switch (n.op()) {
                case "Mul": last = a * b; break;
                case "Add": last = a + b; break;
                case "Sub": last = a - b; break;
                case "Div": last = a / b; break;
                case "Pow": last = Math.pow(a, b); break;
                case "Sqrt": last = Math.sqrt(a); break;
                case "Tanh": last = Math.tanh(a); break;
                case "Erf": last = erf(a); break;
                default: throw n.error("not an element-wise op");
            }
            v.put(n.proto.getOutput(0), last);
        }
        return last;
    }

    /** True when {@link #apply} agrees with {@code f} to 1e-5 on [-5, 5] in steps of 1/8. */
    boolean matches(java.util.function.DoubleUnaryOperator f) {
        for (int i = -40; i <= 40; i++) {
            double x = i / 8.0;
            double want = f.applyAsDouble(x);
            if (!(Math.abs(apply(x) - want) <= 1e-5 * (1 + Math.abs(want)))) {
                return false;
            }
        }
        return true;
    }

    /** The error function, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): enough to tell exact GELU from its tanh form. */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
