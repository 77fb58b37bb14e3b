package dev.nn4j.spark;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.io.ModelFile;
import dev.nn4j.io.ModelFormatException;
import dev.nn4j.nn.GraphModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the workers' results of a round into the driver's model, weighting each worker by
 * the examples it trained on ({@code w_k = n_k / Σ n}), in partition order, in double
 * precision: the same inputs give the same bits on every run.
 */
final class Aggregation {
    private Aggregation() {
    }

    /**
     * Σ_k w_k · g_k into every parameter's gradient (the gradient of the mean loss over all the
     * round's examples), and Σ_k w_k · s_k into every statistic (batch norm's running mean and
     * variance, which the driver never computes itself in this mode).
     */
    static void averageGradients(GraphModel model, List<WorkerResult> results) {
        List<Parameter> params = model.parameters();
        long total = examples(results);
        for (int p = 0; p < params.size(); p++) {
            double[] sum = new double[params.get(p).size()];
            for (WorkerResult r : results) {
                if (r.examples() > 0) {
                    addScaled(sum, r.gradients()[p], (double) r.examples() / total);
                }
            }
            params.get(p).gradient().setAll(sum);
        }
        List<Parameter> stats = model.statistics();
        for (int s = 0; s < stats.size(); s++) {
            double[] sum = new double[stats.get(s).size()];
            for (WorkerResult r : results) {
                if (r.examples() > 0) {
                    addScaled(sum, r.statistics()[s], (double) r.examples() / total);
                }
            }
            stats.get(s).set(sum);
        }
    }

    /**
     * Σ_k w_k · θ_k into the parameters and the statistics (batch norm's running mean and
     * variance) and, when {@code withState}, the optimizer state the
     * same way, except counters (entries that belong to no parameter, such as Adam's step),
     * which take the largest worker's value. Workers without examples this round are left out.
     */
    static void averageModels(GraphModel model, List<WorkerResult> results, boolean withState)
            throws ModelFormatException {
        List<Parameter> params = model.parameters();
        List<Parameter> saved = model.savedTensors();
        long total = examples(results);
        double[][] sums = new double[saved.size()][];
        Map<String, double[]> state = new LinkedHashMap<>();
        for (int p = 0; p < saved.size(); p++) {
            sums[p] = new double[saved.get(p).size()];
        }
        for (WorkerResult r : results) {
            if (r.examples() == 0) {
                continue;
            }
            double w = (double) r.examples() / total;
            try (GraphModel worker = ModelFile.graphFromBytes(r.model(), model.backend(), model.dtype())) {
                List<Parameter> ws = worker.savedTensors();
                for (int p = 0; p < saved.size(); p++) {
                    addScaled(sums[p], ws.get(p).value().toDoubleArray(), w);
                }
                if (withState) {
                    for (Map.Entry<String, double[]> e
                            : worker.optimizer().exportState(worker.parameters()).entrySet()) {
                        combineState(state, e.getKey(), e.getValue(), w, isCounter(e.getKey(), params));
                    }
                }
            }
        }
        for (int p = 0; p < saved.size(); p++) {
            saved.get(p).set(sums[p]);
        }
        if (withState && !state.isEmpty()) {
            model.optimizer().importState(params, state);
        }
    }

    private static void combineState(Map<String, double[]> state, String key, double[] values, double w,
                                     boolean counter) {
        double[] acc = state.computeIfAbsent(key, k -> new double[values.length]);
        for (int i = 0; i < values.length; i++) {
            acc[i] = counter ? Math.max(acc[i], values[i]) : acc[i] + w * values[i];
        }
    }

    private static boolean isCounter(String key, List<Parameter> params) {
        for (Parameter p : params) {
            if (key.startsWith(p.name() + ".")) {
                return false;
            }
        }
        return true;
    }

    private static void addScaled(double[] acc, double[] values, double w) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += w * values[i];
        }
    }

    static long examples(List<WorkerResult> results) {
        long n = 0;
        for (WorkerResult r : results) {
            n += r.examples();
        }
        return n;
    }
}
