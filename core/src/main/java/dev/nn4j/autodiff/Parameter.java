package dev.nn4j.autodiff;

import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * A trainable tensor and its gradient, of the same shape, backend and dtype. The layer
 * owns both tensors: backward writes {@link #gradient()}, an optimizer updates
 * {@link #value()} in place. The name (e.g. {@code layer0.weights}) is stable and used by
 * model files.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor gradient;

    /** A parameter over existing tensors, which must have one shape, dtype and backend. */
    public Parameter(String name, Tensor value, Tensor gradient) {
        java.util.Objects.requireNonNull(gradient, "parameter " + name + ": gradient");
        if (!value.shape().equals(gradient.shape()) || value.dtype() != gradient.dtype()
                || value.backend() != gradient.backend()) {
            throw new IllegalArgumentException("parameter " + name + ": value is " + value.dtype() + " " + value.shape()
                    + ", gradient is " + gradient.dtype() + " " + gradient.shape() + "; they must match");
        }
        this.name = name;
        this.value = value;
        this.gradient = gradient;
    }

    private Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.gradient = null;
    }

    /**
     * A tensor that belongs to the model but is not trained, such as batch normalisation's
     * running mean: saved in model files, never given to an optimizer; {@link #gradient()} throws.
     */
    public static Parameter statistic(String name, Tensor value) {
        return new Parameter(name, value);
    }

    /** False for {@link #statistic statistics}. */
    public boolean trainable() {
        return gradient != null;
    }

    /** Stable name, unique within a model. */
    public String name() {
        return name;
    }

    /** The current value; updated in place by optimizers. */
    public Tensor value() {
        return value;
    }

    /** dLoss/dValue from the last backward pass; throws for a statistic. */
    public Tensor gradient() {
        if (gradient == null) {
            throw new IllegalStateException("parameter " + name + " is a statistic, not trained: it has no gradient");
        }
        return gradient;
    }

    /** Shape of value and gradient. */
    public Shape shape() {
        return value.shape();
    }

    /** Number of elements. */
    public int size() {
        return value.size();
    }

    /** Overwrites the value with {@code values} (row-major, exactly {@link #size()} of them), e.g. from a model file. */
    public void set(double[] values) {
        if (values.length != value.size()) {
            throw new IllegalArgumentException("parameter " + name + " " + value.shape() + ": expected "
                    + value.size() + " values, got " + values.length);
        }
        value.setAll(values);
    }

    @Override
    public String toString() {
        return name + " " + value.shape();
    }
}
