package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.train.Model;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * What every partition's task of a step needs: the run, the factories, the step's parameters and
 * where in the schedule the step is. A task borrows this executor's copy of the network with the
 * step's parameters loaded.
 */
abstract class PartitionTask implements FlatMapFunction<java.util.Iterator<RowBlock>, Contribution> {

    private static final long serialVersionUID = 1L;

    final String run;
    final SerializableSupplier<? extends Layer> network;
    final SerializableSupplier<? extends Loss> loss;
    final Broadcast<double[]> parameters;
    final BatchSchedule schedule;
    final int epoch;

    PartitionTask(String run, SerializableSupplier<? extends Layer> network, SerializableSupplier<? extends Loss> loss,
            Broadcast<double[]> parameters, BatchSchedule schedule, int epoch) {
        this.run = run;
        this.network = network;
        this.loss = loss;
        this.parameters = parameters;
        this.schedule = schedule;
        this.epoch = epoch;
    }

    /** @return this executor's copy of the network, with the step's parameters */
    final Model borrowReplica() {
        Model replica = Replicas.borrow(run, network, loss);
        FlatParameters.setValues(parameters.value(), replica.parameters());
        return replica;
    }

    /** Gives the copy back for the next task; a task that failed does not. */
    final void giveBack(Model replica) {
        Replicas.giveBack(run, replica);
    }
}
