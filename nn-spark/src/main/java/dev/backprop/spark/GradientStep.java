package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.data.Batch;
import dev.backprop.core.train.Model;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of a synchronous step: the gradient of its rows of the batch, computed by
 * {@link Model#computeGradients} at the broadcast parameters and weighted by its share of the
 * batch ({@code rows / batch size}), so that the sum over partitions is the batch's gradient. A
 * partition with every row of the batch has weight 1, which changes no bit.
 */
final class GradientStep extends PartitionTask {

    private static final long serialVersionUID = 1L;

    private final long batch;
    private final boolean withOutputs;

    GradientStep(String run, SerializableSupplier<? extends Layer> network, SerializableSupplier<? extends Loss> loss,
            Broadcast<double[]> parameters, BatchSchedule schedule, int epoch, long batch, boolean withOutputs) {
        super(run, network, loss, parameters, schedule, epoch);
        this.batch = batch;
        this.withOutputs = withOutputs;
    }

    @Override
    public Iterator<Contribution> call(Iterator<RowBlock> blocks) {
        Batch share = Shares.of(Shares.list(blocks), schedule, epoch, batch, batch + 1)[0];
        if (share == null) {
            return Collections.emptyIterator();
        }
        Model replica = borrowReplica();
        double batchLoss = replica.computeGradients(share.inputs(), share.targets());
        int rows = share.size();
        double weight = rows / (double) schedule.sizeOf(batch);
        Contribution contribution = new Contribution(FlatParameters.gradients(replica.parameters(), weight),
                batchLoss * rows, rows);
        if (withOutputs) {
            contribution.withOutputs(replica.trainingStep().output(), share.targets());
        }
        giveBack(replica);
        return List.of(contribution).iterator();
    }
}
