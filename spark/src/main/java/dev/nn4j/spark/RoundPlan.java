package dev.nn4j.spark;

import java.io.Serializable;

/**
 * What every worker does in one round, sent with the task (a few dozen bytes).
 *
 * @param sync          the mode
 * @param backend       the backend name the workers build their model on
 * @param batch         rows per local batch
 * @param epoch         the epoch, from 0
 * @param round         the round within the epoch, from 0
 * @param firstStep     the first local step of the round within the epoch
 * @param steps         local steps in this round (1 for {@link Sync#GRADIENT})
 * @param shuffle       whether each shard's order is permuted per epoch
 * @param seed          the shuffling seed
 * @param withState     whether optimizer state travels with the model (PARAMETERS)
 * @param faults        a test hook, or null
 */
record RoundPlan(Sync sync, String backend, int batch, int epoch, int round, int firstStep, int steps, boolean shuffle,
                 long seed, boolean withState, FaultInjector faults) implements Serializable {
}
