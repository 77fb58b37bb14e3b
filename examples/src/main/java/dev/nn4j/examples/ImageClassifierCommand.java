package dev.nn4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** The base of {@code fashion-mnist} and {@code mnist}: the shared options and the run; subclasses add {@code --data}. */
abstract class ImageClassifierCommand implements Callable<Integer> {
    @Mixin
    BackendOption backend = new BackendOption();

    @Mixin
    TrainingOptions options = new TrainingOptions();

    private final String example;
    private final List<String> classNames;
    private final String missingDataHint;

    ImageClassifierCommand(String example, List<String> classNames, String missingDataHint) {
        this.example = example;
        this.classNames = classNames;
        this.missingDataHint = missingDataHint;
    }

    /** The MNIST-layout directory to load. */
    abstract Path dataDir();

    @Override
    public Integer call() throws Exception {
        return new ImageClassifierTraining(example, classNames).run(dataDir(), missingDataHint, options,
                backend.resolve());
    }
}
