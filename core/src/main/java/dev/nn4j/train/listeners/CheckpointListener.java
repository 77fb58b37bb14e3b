package dev.nn4j.train.listeners;

import dev.nn4j.io.ModelFile;
import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Saves the model with {@link ModelFile#save} every {@code N} epochs, to a file named by a
 * pattern in which {@value #EPOCH} is replaced by the number of epochs completed, e.g.
 * {@code checkpoints/checkpoint-epoch-{epoch}.nn4j} gives {@code checkpoint-epoch-5.nn4j}
 * after the fifth epoch. Optionally also after the last epoch when it is not a multiple of
 * {@code N}, so the final weights are always on disk.
 *
 * <p>Each save writes architecture and parameters (no optimizer state; see {@link ModelFile})
 * atomically and replaces an older file of the same name; the directory must exist. A
 * checkpoint holds the weights at the end of its epoch; the final save holds the weights
 * training ended with (the best epoch's when early stopping restores them). Save errors throw
 * {@link UncheckedIOException} naming the file and end training.
 */
public final class CheckpointListener implements TrainingListener {
    /** The placeholder for the epoch number in a file pattern. */
    public static final String EPOCH = "{epoch}";

    private final String pattern;
    private final int every;
    private final boolean saveLast;
    private final List<Path> saved = new ArrayList<>();
    private int lastSavedEpoch;

    /**
     * Saves every {@code every >= 1} epochs to {@code pattern}, which must contain
     * {@value #EPOCH} in its file name; with {@code saveLast} also after the final epoch.
     */
    public CheckpointListener(Path pattern, int every, boolean saveLast) {
        Objects.requireNonNull(pattern, "checkpoint: pattern");
        Path name = pattern.getFileName();
        if (name == null || !name.toString().contains(EPOCH)) {
            throw new IllegalArgumentException("checkpoint: the file name of pattern '" + pattern + "' must contain "
                    + EPOCH + ", e.g. checkpoint-epoch-" + EPOCH + ".nn4j");
        }
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint: every must be >= 1 epoch, got " + every);
        }
        this.pattern = pattern.toString();
        this.every = every;
        this.saveLast = saveLast;
    }

    /** Saves every {@code every} epochs to {@code pattern}, and after the final epoch. */
    public CheckpointListener(Path pattern, int every) {
        this(pattern, every, true);
    }

    /** The file for {@code epochsCompleted}: the pattern with {@value #EPOCH} replaced. */
    public Path fileFor(int epochsCompleted) {
        return Path.of(pattern.replace(EPOCH, Integer.toString(epochsCompleted)));
    }

    /** The files written so far, in order. */
    public List<Path> saved() {
        return List.copyOf(saved);
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        lastSavedEpoch = 0;
    }

    @Override
    public void onEpochEnd(TrainingContext context) {
        int completed = context.epoch() + 1;
        if (completed % every == 0) {
            save(context, completed);
        }
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
        int completed = context.epoch() + 1;
        if (saveLast && completed != lastSavedEpoch) {
            save(context, completed);
        }
    }

    private void save(TrainingContext context, int completed) {
        Path file = fileFor(completed);
        try {
            ModelFile.save(context.model(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: cannot save epoch " + completed + " to " + file + ": "
                    + e.getMessage(), e);
        }
        saved.add(file);
        lastSavedEpoch = completed;
    }
}
