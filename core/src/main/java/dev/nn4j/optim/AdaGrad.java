package dev.nn4j.optim;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * AdaGrad (Duchi et al.): the sum of all squared gradients scales each step, so often-updated
 * weights slow down:
 * <pre>
 * G ← G + g²
 * w ← w − lr · g / (sqrt(G) + ε)
 * </pre>
 * State: {@code G} per parameter, starting at 0.
 */
public final class AdaGrad extends AbstractOptimizer {
    private final double epsilon;

    /** AdaGrad with ε = 1e-10. */
    public AdaGrad(double learningRate) {
        this(learningRate, 1e-10);
    }

    /** AdaGrad with {@code epsilon > 0}. */
    public AdaGrad(double learningRate, double epsilon) {
        super("adagrad", learningRate, "sum_squares");
        this.epsilon = positive("epsilon", epsilon);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor g = p.gradient();
            Tensor[] s = state(parameters, i);
            Tensor sumSquares = s[0];
            Tensor scratch = s[1];
            Ops.hadamard(g, g, scratch);
            Ops.add(sumSquares, scratch, sumSquares);                             // G ← G + g²
            rootScaledUpdate(p.value(), g, sumSquares, 1, epsilon, learningRate(), scratch);   // w ← w − lr·g/(sqrt(G) + ε)
        }
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> c = super.config();
        c.put("epsilon", epsilon);
        return c;
    }
}
