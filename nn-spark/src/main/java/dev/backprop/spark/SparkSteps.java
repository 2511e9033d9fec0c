package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.train.EpochLoop;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One epoch of a {@link SparkTrainer} run, step by step: each step broadcasts the parameters, the
 * partitions compute their share (a gradient, or a round of local SGD), a tree aggregate sums
 * the shares, and the sum becomes the driver's gradients (or, after local SGD, its parameters).
 */
final class SparkSteps implements EpochLoop.Steps {

    /** What every step of a run shares. */
    record Plan(JavaSparkContext spark, JavaRDD<RowBlock> blocks, String run,
            SerializableSupplier<? extends Layer> network, SerializableSupplier<? extends Loss> loss,
            SerializableSupplier<? extends Optimizer> localOptimizer, int localSteps, int treeDepth,
            BatchSchedule schedule, boolean withOutputs) {

        /** Batches per call to the cluster: one synchronous step, or a round of local SGD. */
        long stride() {
            return localSteps == 0 ? 1 : localSteps;
        }
    }

    private final Plan plan;
    private final List<Parameter> parameters;
    private final int epoch;
    private long first;

    SparkSteps(Plan plan, List<Parameter> parameters, int epoch) {
        this.plan = plan;
        this.parameters = parameters;
        this.epoch = epoch;
    }

    @Override
    public boolean hasNext() {
        return first < plan.schedule().batches();
    }

    @Override
    public EpochLoop.StepResult next(List<Metric> metrics) {
        BatchSchedule schedule = plan.schedule();
        long end = Math.min(schedule.batches(), first + plan.stride());
        Contribution sum = aggregate(end);
        long expected = 0;
        for (long b = first; b < end; b++) {
            expected += schedule.sizeOf(b);
        }
        if (sum.samples != expected) {
            throw new IllegalStateException("The partitions returned " + sum.samples + " samples of steps " + first
                    + " to " + (end - 1) + ", which have " + expected + "; did the RDD change between its evaluations?");
        }
        first = end;
        for (int i = 0; i < sum.outputs.size(); i++) {
            for (Metric metric : metrics) {
                metric.update(sum.outputs.get(i), sum.targets.get(i));
            }
        }
        double dataLoss = sum.lossTimesSamples / sum.samples;
        if (plan.localSteps() == 0) {
            FlatParameters.setGradients(sum.vector, parameters);
            return new EpochLoop.StepResult(sum.samples, dataLoss, true);
        }
        FlatParameters.setValues(sum.vector, parameters);
        return new EpochLoop.StepResult(sum.samples, dataLoss, false);
    }

    /** The partitions' shares of batches {@code first} to {@code end − 1}, summed. */
    private Contribution aggregate(long end) {
        Broadcast<double[]> values = plan.spark().broadcast(FlatParameters.values(parameters));
        try {
            return plan.blocks().mapPartitions(plan.localSteps() == 0
                            ? new GradientStep(plan.run(), plan.network(), plan.loss(), values, plan.schedule(), epoch,
                                    first, plan.withOutputs())
                            : new LocalRound(plan.run(), plan.network(), plan.loss(), plan.localOptimizer(), values,
                                    plan.schedule(), epoch, first, end))
                    .treeAggregate(new Contribution(), Contribution::add, Contribution::add, plan.treeDepth());
        } finally {
            values.destroy();
        }
    }
}
