package dev.nn4j.train;

/**
 * Training stopped because the loss exploded: a batch loss rose above
 * {@link FitConfig#divergenceFactor()} times the reference loss (the first finite batch loss of
 * the {@code fit} call, at least {@link FitConfig.Builder#DIVERGENCE_FLOOR}) while still finite.
 * The offending batch's update was not applied, so the weights are finite. A
 * {@link NonFiniteLossException}, so code that handles non-finite losses handles this too.
 */
public class DivergedLossException extends NonFiniteLossException {
    private static final long serialVersionUID = 1L;

    private final double referenceLoss;

    /** The loss at 0-based {@code epoch} and {@code batch} exceeded {@code factor · referenceLoss}. */
    public DivergedLossException(int epoch, int batch, long step, double loss, double referenceLoss, double factor,
                                 double lastFiniteLoss, double learningRate) {
        super("training stopped: the loss is diverging: " + loss + " at epoch " + epoch + ", batch " + batch
                + " (step " + step + ") is more than " + factor + " times the first batch loss " + referenceLoss
                + "; the last loss before it was " + lastFiniteLoss + ". Try a lower learning rate (now "
                + learningRate + "), normalise the inputs and targets, or raise FitConfig.divergenceFactor",
                epoch, batch, loss, lastFiniteLoss);
        this.referenceLoss = referenceLoss;
    }

    /** The loss the threshold was measured against: the first finite batch loss, floored. */
    public double referenceLoss() {
        return referenceLoss;
    }
}
