package dev.nn4j.spark;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One worker's part of a round, run by Spark on the partition that holds its {@link Shard}:
 * rebuild the model from the broadcast model-file bytes, then either compute one batch's
 * gradient ({@link Sync#GRADIENT}) or take the round's local steps ({@link Sync#PARAMETERS}).
 *
 * <p>A task reads only the broadcast bytes, its cached shard and the plan, and its arithmetic
 * is deterministic, so a retried task returns exactly what the failed attempt would have.
 * Local step s of an epoch uses the shard's examples at positions {@code [s·b, (s+1)·b)} of
 * that epoch's order (fewer, or none, once the shard runs out).
 */
final class RoundTask implements FlatMapFunction<Iterator<Shard>, WorkerResult> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> model;
    private final RoundPlan plan;

    RoundTask(Broadcast<byte[]> model, RoundPlan plan) {
        this.model = model;
        this.plan = plan;
    }

    @Override
    public Iterator<WorkerResult> call(Iterator<Shard> partition) throws Exception {
        Shard shard = partition.next();
        if (plan.faults() != null) {
            TaskContext task = TaskContext.get();
            plan.faults().beforeTask(plan.epoch(), plan.round(), shard.index, task == null ? 0 : task.attemptNumber());
        }
        long start = System.nanoTime();
        Backend backend = Backends.get(plan.backend());
        try (GraphModel m = ModelFile.graphFromBytes(model.value(), backend, null)) {
            m.seedDropout(maskSeed(plan.seed(), plan.epoch(), plan.round(), shard.index));
            Dataset data = new Dataset(shard.features, shard.featureCount, shard.targets, shard.targetCount);
            int[] order = order(shard.size, plan.shuffle(), plan.seed(), plan.epoch(), shard.index);
            float[] xs = new float[plan.batch() * shard.featureCount];
            float[] ys = new float[plan.batch() * shard.targetCount];
            long examples = 0;
            double lossSum = 0;
            double[][] gradients = null;
            double[][] statistics = null;
            Tensor[] full = null;
            Tensor[] last = null;
            try {
                for (int s = plan.firstStep(); s < plan.firstStep() + plan.steps(); s++) {
                    int first = s * plan.batch();
                    int rows = Math.min(plan.batch(), shard.size - first);
                    if (rows <= 0) {
                        break;
                    }
                    Tensor[] xy = rows == plan.batch() ? (full = batch(full, m, rows)) : (last = batch(last, m, rows));
                    data.fillBatch(order, first, xy[0], xy[1], xs, ys);
                    double loss = plan.sync() == Sync.GRADIENT ? m.computeGradients(xy[0], xy[1])
                            : m.trainStep(xy[0], xy[1]);
                    lossSum += loss * rows;
                    examples += rows;
                    if (plan.sync() == Sync.GRADIENT) {
                        gradients = values(m.parameters(), true);
                        statistics = values(m.statistics(), false);
                    }
                }
            } finally {
                close(full);
                close(last);
            }
            byte[] bytes = plan.sync() == Sync.PARAMETERS && examples > 0 ? ModelFile.toBytes(m, plan.withState()) : null;
            return List.of(new WorkerResult(shard.index, examples, lossSum, gradients, statistics, bytes,
                    System.nanoTime() - start)).iterator();
        }
    }

    /** The batch tensors {@code [rows, input shape...]} and the targets as the loss takes them, allocated on first use. */
    private static Tensor[] batch(Tensor[] existing, GraphModel m, int rows) {
        if (existing != null) {
            return existing;
        }
        return new Tensor[] {m.backend().create(m.inputDType(), m.batchShape(rows)),
                m.backend().create(m.targetDType(), m.targetBatchShape(rows))};
    }

    private static void close(Tensor[] pair) {
        if (pair != null) {
            pair[0].close();
            pair[1].close();
        }
    }

    /** Each tensor's gradient ({@code gradient}) or value, as an array. */
    private static double[][] values(List<Parameter> tensors, boolean gradient) {
        double[][] out = new double[tensors.size()][];
        for (int i = 0; i < out.length; i++) {
            Parameter p = tensors.get(i);
            out[i] = (gradient ? p.gradient() : p.value()).toDoubleArray();
        }
        return out;
    }

    /**
     * The dropout seed of one shard in one round. A worker rebuilds the model from the broadcast file
     * every round, which would restart the mask stream from the model's seed: every round (with
     * gradient averaging, every step) and every shard would draw the same masks.
     */
    static long maskSeed(long seed, int epoch, int round, int shard) {
        return seed ^ (epoch + 1L) * 0xBF58476D1CE4E5B9L ^ (round + 1L) * 0x94D049BB133111EBL
                ^ (shard + 1L) * 0xD6E8FEB86659FD93L;
    }

    /** The order of a shard's examples in {@code epoch}: identity, or a permutation fixed by seed, epoch and shard. */
    static int[] order(int size, boolean shuffle, long seed, int epoch, int shard) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (shuffle) {
            new Rng(seed ^ (epoch + 1L) * 0x9E3779B97F4A7C15L ^ (shard + 1L) * 0xC2B2AE3D27D4EB4FL).shuffle(order);
        }
        return order;
    }
}
