package dev.nn4j.autodiff;

/**
 * Whether a forward pass trains or infers. Dropout drops only in {@link #TRAINING}; batch
 * normalisation uses the batch's statistics (and updates its running ones) in
 * {@link #TRAINING} and the running statistics in {@link #INFERENCE}. {@code fit},
 * {@code trainStep} and {@code computeGradients} train; {@code predict}, {@code loss} and
 * evaluation infer; {@link dev.nn4j.nn.Sequential#forward(dev.nn4j.tensor.Tensor, Mode)} takes it explicitly.
 */
public enum Mode {
    /** Training: dropout drops, batch norm normalises with batch statistics. */
    TRAINING,
    /** Inference: dropout passes everything, batch norm uses its running statistics. */
    INFERENCE
}
