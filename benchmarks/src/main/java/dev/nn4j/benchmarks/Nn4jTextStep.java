package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.EmbeddingConfig;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.LayerNormConfig;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.nn.PositionEmbeddingConfig;
import dev.nn4j.nn.RecurrentConfig;
import dev.nn4j.nn.TransformerEncoderConfig;
import dev.nn4j.optim.AdamW;
import dev.nn4j.optim.GradientClipping;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * nn4j: one training step of a character language model of the {@code text} demo on one fixed
 * batch of {@value #BATCH} windows of {@value #CONTEXT} ids: forward, token-level cross-entropy,
 * backward, gradients clipped to global norm 1, AdamW (1e-3, decay 0.01). {@value #TRANSFORMER}:
 * embedding 128, learned positions, 4 pre-norm causal blocks (4 heads, MLP 512, GELU), layer norm,
 * dense 96; {@value #LSTM}: embedding 128, 2 LSTM layers of 256, dense 96.
 * {@code benchmarks/pytorch_peer.py} runs the same networks ({@code text}, {@code text-lstm}).
 */
final class Nn4jTextStep implements TrainingStep {
    /** Name of the transformer. */
    static final String TRANSFORMER = "transformer";
    /** Name of the LSTM. */
    static final String LSTM = "lstm";
    static final int BATCH = 32;
    static final int CONTEXT = 128;
    static final int VOCABULARY = 96;

    private final GraphModel model;
    private final Tensor x;
    private final Tensor y;

    Nn4jTextStep(String net, String backendName, long seed) {
        Backend backend = Backends.get(backendName);
        Input chars = Input.tokens("chars", CONTEXT);
        Node logits;
        if (TRANSFORMER.equals(net)) {
            Node h = chars.then(EmbeddingConfig.of(VOCABULARY, 128)).then(PositionEmbeddingConfig.learned(CONTEXT, 128));
            for (int i = 0; i < 4; i++) {
                h = h.then(TransformerEncoderConfig.of(128, 4, 512).withNormFirst(true).withActivation("gelu")
                        .withCausalMask(true).withDropout(0));
            }
            logits = h.then(new LayerNormConfig()).dense(VOCABULARY, Activation.IDENTITY);
        } else if (LSTM.equals(net)) {
            logits = chars.then(EmbeddingConfig.of(VOCABULARY, 128))
                    .then(RecurrentConfig.lstm(128, 256).withLayers(2).withReturnSequences(true))
                    .dense(VOCABULARY, Activation.IDENTITY);
        } else {
            throw new IllegalArgumentException("unknown network '" + net + "'; known: " + TRANSFORMER + ", " + LSTM);
        }
        model = GraphModel.builder(chars, logits).loss(Losses.tokenCrossEntropy()).optimizer(new AdamW(1e-3, 0.01))
                .initializer(Initializer.XAVIER).seed(seed).backend(backend).build();
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = random.ints(BATCH * (CONTEXT + 1), 0, VOCABULARY).toArray();
        int[] in = new int[BATCH * CONTEXT];
        int[] next = new int[BATCH * CONTEXT];
        for (int b = 0; b < BATCH; b++) {
            System.arraycopy(ids, b * (CONTEXT + 1), in, b * CONTEXT, CONTEXT);
            System.arraycopy(ids, b * (CONTEXT + 1) + 1, next, b * CONTEXT, CONTEXT);
        }
        x = backend.zeros(DType.INT32, BATCH, CONTEXT);
        x.setAll(in);
        y = backend.zeros(DType.INT32, BATCH, CONTEXT);
        y.setAll(next);
    }

    @Override
    public double run() {
        double loss = model.computeGradients(x, y);
        GradientClipping.clipByGlobalNorm(model.parameters(), 1.0);
        model.optimizer().step(model.parameters());
        return loss;
    }

    @Override
    public void close() {
        model.close();
        x.close();
        y.close();
    }
}
