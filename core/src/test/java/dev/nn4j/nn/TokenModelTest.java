package dev.nn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.data.Dataset;
import dev.nn4j.io.ModelFile;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import org.junit.jupiter.api.Test;

/**
 * Models that read token ids and predict a token at every step: an {@link Input#tokens} input,
 * an {@link EmbeddingConfig}, sequence outputs {@code [steps x vocabulary]} and
 * {@link Losses#tokenCrossEntropy(int)} against INT32 ids, through building, training with
 * {@code fit}, gradient checks, evaluation and model files.
 */
class TokenModelTest {
    static final int VOCAB = 5;
    static final int STEPS = 6;

    /** A tiny causal language model: embedding, positions, one pre-norm causal block, a final norm, logits. */
    static GraphModel languageModel(DType dtype, Loss loss) {
        Input ids = Input.tokens("ids", STEPS);
        Node logits = ids.then(EmbeddingConfig.of(VOCAB, 8)).then(PositionEmbeddingConfig.learned(STEPS, 8))
                .then(TransformerEncoderConfig.of(8, 2, 16).withNormFirst(true).withActivation("gelu")
                        .withCausalMask(true).withDropout(0))
                .then(new LayerNormConfig()).dense(VOCAB, Activation.IDENTITY);
        return GraphModel.builder(ids, logits).loss(loss).optimizer(new Adam(0.01)).backend(OtherBackend.INSTANCE)
                .dtype(dtype).seed(3).build();
    }

    static Tensor ids(int[][] rows) {
        Tensor t = OtherBackend.INSTANCE.zeros(DType.INT32, rows.length, rows[0].length);
        int[] flat = new int[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        t.setAll(flat);
        return t;
    }

    @Test
    void shapesAndDtypesFollowTheLoss() {
        try (GraphModel m = languageModel(DType.FLOAT32, Losses.tokenCrossEntropy())) {
            assertEquals(DType.INT32, m.inputDType());
            assertEquals(DType.INT32, m.targetDType());
            assertEquals(Shape.of(4, STEPS), m.targetBatchShape(4));
            assertEquals(Shape.of(STEPS, VOCAB), m.outputShapes().get(m.outputNames().get(0)));
            try (Tensor x = ids(new int[][] {{0, 1, 2, 3, 4, 0}}); Tensor y = m.predict(x)) {
                assertEquals(Shape.of(1, STEPS, VOCAB), y.shape());
            }
            String wrongInput = assertThrows(IllegalArgumentException.class, () -> {
                try (Tensor x = OtherBackend.INSTANCE.zeros(DType.FLOAT32, 1, STEPS)) {
                    m.trainStep(x, ids(new int[][] {{0, 1, 2, 3, 4, 0}}));
                }
            }).getMessage();
            assertTrue(wrongInput.contains("expected INT32 [batch x 6]"), wrongInput);
            String wrongTarget = assertThrows(IllegalArgumentException.class, () -> {
                try (Tensor x = ids(new int[][] {{0, 1, 2, 3, 4, 0}}); Tensor t = OtherBackend.INSTANCE.zeros(DType.FLOAT32, 1, 30)) {
                    m.trainStep(x, t);
                }
            }).getMessage();
            assertTrue(wrongTarget.contains("expected INT32 [1x6]"), wrongTarget);
        }
    }

    @Test
    void theBuilderRefusesLossesThatDoNotFitASequenceOutput() {
        Input ids = Input.tokens("ids", STEPS);
        Node embedded = ids.then(EmbeddingConfig.of(VOCAB, 4));
        String flat = assertThrows(IllegalStateException.class, () -> GraphModel.builder(ids,
                embedded.dense(VOCAB, Activation.IDENTITY)).loss(Losses.mse()).optimizer(new Sgd(0.1)).build())
                .getMessage();
        assertTrue(flat.contains("needs a flat output"), flat);
        String softmax = assertThrows(IllegalStateException.class, () -> GraphModel.builder(ids,
                embedded.dense(VOCAB, Activation.SOFTMAX)).loss(Losses.tokenCrossEntropy()).optimizer(new Sgd(0.1))
                .build()).getMessage();
        assertTrue(softmax.contains("logits"), softmax);
    }

    @Test
    void gradientsOfTheWholeModelMatchCentralDifferencesWithIgnoredPositions() {
        try (GraphModel m = languageModel(DType.FLOAT64, Losses.tokenCrossEntropy(0));
             Tensor x = ids(new int[][] {{1, 2, 3, 4, 0, 1}, {4, 4, 3, 2, 1, 0}});
             Tensor t = ids(new int[][] {{2, 3, 4, 0, 1, 2}, {0, 3, 2, 1, 0, 4}})) {
            GradientCheck.Report r = GradientCheck.check(m, x, t);
            assertTrue(r.passes(1e-6), r.toString());
        }
    }

    @Test
    void theRecordedLossIsTheHostLossAndIgnoresTheIgnoreIndex() {
        Loss loss = Losses.tokenCrossEntropy(0);
        try (GraphModel m = languageModel(DType.FLOAT64, loss);
             Tensor x = ids(new int[][] {{1, 2, 3, 4, 0, 1}});
             Tensor t = ids(new int[][] {{2, 0, 4, 0, 1, 2}});
             Tensor logits = m.predict(x)) {
            double recorded = m.loss(x, t);
            double host = loss.compute(logits, t, null);
            assertEquals(host, recorded, 1e-12);
            double[] z = logits.toDoubleArray();
            double sum = 0;
            int[] target = {2, 0, 4, 0, 1, 2};
            for (int s = 0; s < STEPS; s++) {
                if (target[s] == 0) {
                    continue;
                }
                double norm = 0;
                for (int v = 0; v < VOCAB; v++) {
                    norm += Math.exp(z[s * VOCAB + v]);
                }
                sum += Math.log(norm) - z[s * VOCAB + target[s]];
            }
            assertEquals(sum / 4, recorded, 1e-12, "the mean over the 4 positions that are not ignored");
        }
    }

    @Test
    void anIdOutsideTheVocabularyIsNamed() {
        try (GraphModel m = languageModel(DType.FLOAT32, Losses.tokenCrossEntropy());
             Tensor x = ids(new int[][] {{1, 2, 3, 4, 0, 1}});
             Tensor badTarget = ids(new int[][] {{2, 3, 7, 0, 1, 2}});
             Tensor badInput = ids(new int[][] {{1, 2, 3, 9, 0, 1}})) {
            String target = assertThrows(RuntimeException.class, () -> m.trainStep(x, badTarget)).getMessage();
            assertTrue(target.contains("ids[2] is 7") && target.contains("[0, 5)"), target);
            String input = assertThrows(RuntimeException.class, () -> m.predict(badInput)).getMessage();
            assertTrue(input.contains("9") && input.contains("vocabulary"), input);
        }
    }

    @Test
    void fitLearnsARepeatingSequenceFromATokenDatasetAndTheModelFileKeepsEverything() throws Exception {
        int n = 40;
        int[] xs = new int[n * STEPS];
        int[] ys = new int[n * STEPS];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < STEPS; s++) {
                xs[i * STEPS + s] = (i + s) % VOCAB;
                ys[i * STEPS + s] = (i + s + 1) % VOCAB;                   // the next token of 0 1 2 3 4 0 1 ...
            }
        }
        Dataset data = Dataset.ofTokens(xs, STEPS, ys, STEPS);
        try (GraphModel m = languageModel(DType.FLOAT32, Losses.tokenCrossEntropy(-1))) {
            double before = m.loss(data);
            History h = m.fit(data, FitConfig.builder().epochs(30).batchSize(8).seed(1).build());
            double after = m.loss(data);
            assertTrue(before > 1.2 && after < 0.05, "loss " + before + " -> " + after + ", " + h);
            byte[] file = ModelFile.toBytes(m, true);
            try (GraphModel back = ModelFile.graphFromBytes(file, OtherBackend.INSTANCE, null)) {
                assertEquals(DType.INT32, back.inputDType("ids"));
                assertEquals("token_cross_entropy(ignore_index=-1)", back.lossFunction().id());
                assertEquals(after, back.loss(data), 1e-7);
            }
        }
        assertEquals(Losses.tokenCrossEntropy().id(), Losses.parse("token_cross_entropy").id());
        assertEquals(3, ((TokenCrossEntropyLoss) Losses.parse("token_cross_entropy(ignore_index=3)")).ignoreIndex());
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofTokens(new int[] {1 << 24}, 1, new int[] {0}, 1));
    }
}
