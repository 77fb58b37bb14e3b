package dev.nn4j.examples;

import dev.nn4j.data.Dataset;
import dev.nn4j.eval.ConfusionMatrix;
import dev.nn4j.eval.Predictions;
import dev.nn4j.nn.GraphModel;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Test-set evaluation shared by the demos: accuracy, the confusion matrix and the per-class report. */
final class ClassifierEvaluation {
    private ClassifierEvaluation() {
    }

    /** Predicts every sample of {@code test}, prints the results to {@code out} and returns the accuracy. */
    static double run(GraphModel model, Dataset test, List<String> classNames, PrintStream out) {
        if (model.outputSize() != classNames.size()) {
            throw new IllegalArgumentException("the model has " + model.outputSize() + " outputs but the data has "
                    + classNames.size() + " classes");
        }
        ConfusionMatrix cm = Predictions.confusion(model, test, classNames);
        out.printf(Locale.ROOT, "%nTest accuracy: %.4f (%d of %d)%n%n", cm.accuracy(), cm.correct(), cm.total());
        out.println("Confusion matrix (rows: actual class, columns: predicted class):");
        out.println(cm);
        out.println(cm.report());
        return cm.accuracy();
    }
}
