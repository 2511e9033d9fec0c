package dev.backprop.examples.cli;

import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a training command prints when a run ends, the same for {@code train} and {@code spark}:
 * the last epoch, the time per epoch, and the validation and test figures of the weights kept,
 * with which epoch's weights those are; and the metadata a saved model carries.
 */
final class TrainingReport {

    private TrainingReport() {}

    /**
     * @param history the epochs trained, or null when a resumed run had none left
     * @param epochs the epochs asked for (from the first one trained)
     * @param validation the validation data, or null
     * @param test a test file's data, or null
     * @param patience the recipe's patience: early stopping restores the best epoch's weights
     */
    static void print(PrintWriter out, Model model, History history, int epochs, InMemoryDataset validation,
            InMemoryDataset test, int patience) {
        boolean trained = history != null && history.size() > 0;
        if (trained) {
            EpochResult last = history.last();
            out.printf(Locale.ROOT, "epoch %d: %s, lr %s%n", last.epoch() + 1,
                    Figures.figures(last.loss(), last.metrics()), Figures.rate(last.learningRate()));
            double seconds = history.epochs().stream().mapToDouble(e -> e.wallTime().toNanos() / 1e9).sum();
            out.printf(Locale.ROOT, "time: %s per epoch, %s for %d epochs%n", Figures.duration(seconds / history.size()),
                    Figures.duration(seconds), history.size());
        }
        // Early stopping ended the run and put back the weights of the epoch with the best validation loss.
        boolean restored = trained && history.size() < epochs && validation != null && patience > 0;
        if (validation != null) {
            if (trained && !restored) {
                out.println("validation: " + Figures.figures(history.last().validationLoss(),
                        history.last().validationMetrics()));
            } else {
                Evaluation evaluation = model.evaluate(validation);
                out.println("validation: " + Figures.figures(evaluation.loss(), evaluation.metrics()));
            }
            if (restored) {
                out.printf(Locale.ROOT, "kept: the weights of epoch %d, the lowest validation loss (the epoch line is "
                        + "of epoch %d, the last trained); validation and test are measured with them%n",
                        bestEpoch(history) + 1, history.last().epoch() + 1);
            }
        }
        if (test != null) {
            Evaluation evaluation = model.evaluate(test);
            out.println("test: " + Figures.figures(evaluation.loss(), evaluation.metrics()) + " (" + evaluation.samples()
                    + " rows)");
        }
        out.flush();
    }

    /** @return the metadata a saved model of this run carries */
    static Map<String, Object> metadata(String dataset, Recipe recipe, long seed, int classes) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("dataset", dataset);
        metadata.put("seed", seed);
        metadata.put("classes", classes);
        metadata.put("recipe", recipe.describe());
        metadata.put("savedAt", java.time.Instant.now().toString());
        return metadata;
    }

    /** @return the epoch whose validation loss was lowest (the one early stopping keeps) */
    private static int bestEpoch(History history) {
        EpochResult best = null;
        for (EpochResult epoch : history.epochs()) {
            if (!Double.isNaN(epoch.validationLoss()) && (best == null || epoch.validationLoss() < best.validationLoss())) {
                best = epoch;
            }
        }
        return best == null ? history.last().epoch() : best.epoch();
    }
}
