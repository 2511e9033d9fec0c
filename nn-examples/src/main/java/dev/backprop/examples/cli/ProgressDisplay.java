package dev.backprop.examples.cli;

import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.TrainingListener;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal while a model trains: epoch, step, loss, accuracy and the time
 * left. Full-batch runs (one step an epoch) count epochs; mini-batch runs count steps.
 */
final class ProgressDisplay implements TrainingListener, AutoCloseable {

    private final ProgressBar bar;
    private final int epochs;
    private final boolean byEpoch;
    private String lastEpoch = "";

    ProgressDisplay(int firstEpoch, int epochs, long stepsPerEpoch) {
        this.epochs = epochs;
        this.byEpoch = stepsPerEpoch <= 1;
        long total = byEpoch ? epochs : epochs * stepsPerEpoch;
        long done = byEpoch ? firstEpoch : firstEpoch * stepsPerEpoch;
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setMaxRenderedLength(120)
                .startsFrom(done, java.time.Duration.ZERO).build();
    }

    @Override
    public void onBatchEnd(int epoch, int step, double loss, Model model) {
        if (!byEpoch) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d step %d loss %.4f%s", epoch + 1, epochs,
                    step + 1, loss, lastEpoch));
        }
    }

    @Override
    public void onEpochEnd(EpochResult result, Model model) {
        Double accuracy = result.metrics().get("accuracy");
        lastEpoch = accuracy == null ? "" : String.format(Locale.ROOT, " acc %.4f", accuracy);
        if (byEpoch) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f%s", result.epoch() + 1, epochs,
                    result.loss(), lastEpoch));
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
