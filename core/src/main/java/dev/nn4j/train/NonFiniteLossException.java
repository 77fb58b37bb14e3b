package dev.nn4j.train;

/**
 * Thrown by training under {@link NonFinitePolicy#STOP} when a batch's loss is NaN or
 * infinite, and (as {@link DivergedLossException}) when it explodes. The parameters are left
 * as they were before that batch's update.
 */
public class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double loss;
    private final double lastFiniteLoss;

    /** An exception for {@code loss} at 0-based {@code epoch} and {@code batch}; {@code lastFiniteLoss} is NaN if none was seen. */
    public NonFiniteLossException(int epoch, int batch, long step, double loss, double lastFiniteLoss,
                                  double learningRate) {
        super("training stopped: the loss is " + loss + " at epoch " + epoch + ", batch " + batch + " (step " + step
                + "); " + (Double.isNaN(lastFiniteLoss) ? "no finite loss was seen before"
                : "the last finite loss was " + lastFiniteLoss)
                + ". Try a lower learning rate (now " + learningRate + "), check the data for NaN or infinite values,"
                + " or set NonFinitePolicy.SKIP_BATCH");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /** For subclasses with their own message. */
    protected NonFiniteLossException(String message, int epoch, int batch, double loss, double lastFiniteLoss) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /** The 0-based epoch of the offending batch. */
    public int epoch() {
        return epoch;
    }

    /** The 0-based batch within that epoch. */
    public int batch() {
        return batch;
    }

    /** The non-finite loss. */
    public double loss() {
        return loss;
    }

    /** The last finite batch loss, or NaN if there was none. */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
