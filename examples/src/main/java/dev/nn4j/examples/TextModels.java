package dev.nn4j.examples;

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
import dev.nn4j.optim.Optimizer;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;

/**
 * The {@code text} demo's character language models: each reads {@code context} character ids
 * and gives, at every step, the logits of the next character ({@code [context, vocabulary]}),
 * trained with the token-level cross-entropy. The recipes are fixed so that
 * {@code benchmarks/pytorch_recipes.py text} builds the same networks in PyTorch.
 */
final class TextModels {
    /** The transformer's width, heads, blocks and feed-forward width. */
    static final int DIM = 128;
    static final int HEADS = 4;
    static final int BLOCKS = 4;
    static final int FFN = 512;
    /** The LSTM's embedding, hidden size and layers. */
    static final int LSTM_EMBEDDING = 128;
    static final int LSTM_HIDDEN = 256;
    static final int LSTM_LAYERS = 2;

    private TextModels() {
    }

    /**
     * A GPT-style decoder: token embedding of {@value #DIM} (normal(0, 1), as PyTorch's
     * {@code nn.Embedding}), learned positions, {@value #BLOCKS} pre-norm causal encoder blocks
     * ({@value #HEADS} heads, feed-forward {@value #FFN}, exact GELU, no dropout), a final layer
     * norm and a dense layer to the logits; Xavier initialisation (PyTorch's for attention).
     */
    static GraphModel transformer(int vocabulary, int context, Optimizer optimizer, long seed, Backend backend) {
        Input chars = Input.tokens("chars", context);
        Node x = chars.then(EmbeddingConfig.of(vocabulary, DIM)).then(PositionEmbeddingConfig.learned(context, DIM));
        for (int i = 0; i < BLOCKS; i++) {
            x = x.then(TransformerEncoderConfig.of(DIM, HEADS, FFN).withNormFirst(true).withActivation("gelu")
                    .withCausalMask(true).withDropout(0));
        }
        return languageModel(chars, x.then(new LayerNormConfig()).dense(vocabulary, Activation.IDENTITY), optimizer,
                seed, backend);
    }

    /**
     * An LSTM language model: token embedding of {@value #LSTM_EMBEDDING}, {@value #LSTM_LAYERS}
     * LSTM layers of {@value #LSTM_HIDDEN} returning every step (PyTorch's {@code nn.LSTM} layout),
     * a dense layer to the logits at every step.
     */
    static GraphModel lstm(int vocabulary, int context, Optimizer optimizer, long seed, Backend backend) {
        Input chars = Input.tokens("chars", context);
        Node logits = chars.then(EmbeddingConfig.of(vocabulary, LSTM_EMBEDDING))
                .then(RecurrentConfig.lstm(LSTM_EMBEDDING, LSTM_HIDDEN).withLayers(LSTM_LAYERS).withReturnSequences(true))
                .dense(vocabulary, Activation.IDENTITY);
        return languageModel(chars, logits, optimizer, seed, backend);
    }

    private static GraphModel languageModel(Input chars, Node logits, Optimizer optimizer, long seed, Backend backend) {
        return GraphModel.builder(chars, logits)
                .loss(Losses.tokenCrossEntropy())
                .optimizer(optimizer)
                .initializer(Initializer.XAVIER)
                .seed(seed)
                .backend(backend)
                .build();
    }
}
