package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Optimizer;
import dev.backprop.core.data.Batch;
import dev.backprop.core.train.Model;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of a local-SGD round: starting from the broadcast parameters, one
 * optimizer step on its rows of each of the round's batches, with a fresh optimizer; it returns
 * its parameters weighted by its share of the round's samples, so that the sum over partitions is
 * their weighted average.
 */
final class LocalRound extends PartitionTask {

    private static final long serialVersionUID = 1L;

    private final SerializableSupplier<? extends Optimizer> optimizer;
    private final long first;
    private final long end;

    LocalRound(String run, SerializableSupplier<? extends Layer> network, SerializableSupplier<? extends Loss> loss,
            SerializableSupplier<? extends Optimizer> optimizer, Broadcast<double[]> parameters,
            BatchSchedule schedule, int epoch, long first, long end) {
        super(run, network, loss, parameters, schedule, epoch);
        this.optimizer = optimizer;
        this.first = first;
        this.end = end;
    }

    @Override
    public Iterator<Contribution> call(Iterator<RowBlock> blocks) {
        Batch[] shares = Shares.of(Shares.list(blocks), schedule, epoch, first, end);
        long roundSamples = 0;
        for (long b = first; b < end; b++) {
            roundSamples += schedule.sizeOf(b);
        }
        Model replica = null;
        Optimizer steps = null;
        long rows = 0;
        double lossTimesSamples = 0;
        for (Batch share : shares) {
            if (share == null) {
                continue;
            }
            if (replica == null) {
                replica = borrowReplica();
                steps = optimizer.get();
            }
            double batchLoss = replica.computeGradients(share.inputs(), share.targets());
            steps.step(replica.parameters());
            rows += share.size();
            lossTimesSamples += batchLoss * share.size();
        }
        if (replica == null) {
            return Collections.emptyIterator();
        }
        Contribution contribution = new Contribution(
                FlatParameters.weightedValues(replica.parameters(), rows / (double) roundSamples), lossTimesSamples, rows);
        giveBack(replica);
        return List.of(contribution).iterator();
    }
}
