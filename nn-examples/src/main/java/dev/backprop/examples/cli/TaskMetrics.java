package dev.backprop.examples.cli;

import dev.backprop.core.metrics.AbsoluteError;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.metrics.LogLoss;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.metrics.RSquared;
import dev.backprop.core.metrics.RegressionAccuracy;
import dev.backprop.core.metrics.RootMeanSquaredError;
import dev.backprop.data.tabular.Preprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * The figures a training command reports for a problem: accuracy of classes (and the log loss of
 * a table's); a table's regression in its target's units, MAE, RMSE and R²; the book's
 * regression accuracy for its sine. The same for {@code train}, {@code cv} and {@code spark}.
 */
final class TaskMetrics {

    private TaskMetrics() {}

    /**
     * @param regression whether the problem is a regression
     * @param preprocessor a table's fitted preprocessing, or null for arrays
     * @param targets the training targets, asked for only by the book's regression accuracy
     * @param extra the names given with {@code --metric}; those the task reports already are not repeated
     */
    static List<Metric> of(boolean regression, Preprocessor preprocessor, Supplier<DMatrixRMaj> targets,
            List<String> extra) {
        List<Metric> metrics = new ArrayList<>(task(regression, preprocessor, targets));
        for (String name : extra) {
            Metric metric = NamedComponents.metric(name);
            if (metrics.stream().noneMatch(m -> m.name().equals(metric.name()))) {
                metrics.add(metric);
            }
        }
        return metrics;
    }

    /** @see #of */
    static List<Metric> of(Problem problem, List<String> extra) {
        return of(problem.regression(), problem.preprocessor(), () -> problem.train().targets(), extra);
    }

    private static List<Metric> task(boolean regression, Preprocessor preprocessor, Supplier<DMatrixRMaj> targets) {
        if (!regression) {
            return preprocessor != null ? List.of(new CategoricalAccuracy(), new LogLoss())
                    : List.of(new CategoricalAccuracy());
        }
        if (preprocessor != null) {
            double scale = preprocessor.targetScale();
            return List.of(new AbsoluteError(scale), new RootMeanSquaredError(scale), new RSquared());
        }
        return List.of(RegressionAccuracy.forTargets(targets.get()));
    }
}
