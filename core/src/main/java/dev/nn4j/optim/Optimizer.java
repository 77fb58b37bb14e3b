package dev.nn4j.optim;

import dev.nn4j.autodiff.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their gradients. Per-parameter state (momentum,
 * moment estimates) is created on the first step that sees a parameter and reused
 * afterwards, keyed by the parameter object. The learning rate can change at any time
 * (schedules do so between epochs). Not thread-safe.
 *
 * <p>{@link #id()} and {@link #config()} describe the optimizer for model files;
 * {@link Optimizers#create(String, Map)} rebuilds it. {@link #exportState} and
 * {@link #importState} carry the per-parameter state for resuming training.
 */
public interface Optimizer {

    /** One update of every parameter from its current gradient. */
    void step(List<Parameter> parameters);

    /** The current learning rate. */
    double learningRate();

    /**
     * Sets the learning rate for the following steps: finite and {@code >= 0}. Zero is allowed
     * (as in PyTorch, Keras and DL4J): the step leaves the weights as they are, while stateful
     * optimizers still update their moments; a schedule may anneal down to it.
     */
    void setLearningRate(double learningRate);

    /** The name in model files, e.g. {@code adam}. */
    String id();

    /** Every hyper-parameter by name, in a stable order, starting with {@code learning_rate}; booleans are 1 or 0. */
    Map<String, Double> config();

    /**
     * The per-parameter state as {@code <parameter name>.<slot> -> values} (row-major), plus
     * scalar counters such as {@code step}; empty before the first step.
     */
    Map<String, double[]> exportState(List<Parameter> parameters);

    /** Restores state written by {@link #exportState} for these parameters; throws on a missing or misshapen entry. */
    void importState(List<Parameter> parameters, Map<String, double[]> state);

    /** Forgets all per-parameter state (the next step starts afresh). */
    void reset();
}
