package dev.backprop.core.train;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NonTrainableState;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.Stochastic;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.data.Batch;
import dev.backprop.core.linalg.Gemm;
import dev.backprop.core.linalg.GemmBackend;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.metrics.Metric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;

/**
 * Data-parallel training on this machine's cores ({@link FitOptions.Builder#threads}): each batch is
 * split into a fixed number of shards of consecutive rows; worker threads, each with its own copy of
 * the network and loss, take the shards one at a time and compute their gradients; the model's
 * gradient is their sum in shard order, each weighted by its share of the rows. Which thread
 * computes which shard changes nothing, so the weights depend on the number of shards and never on
 * the number of threads.
 */
final class ShardedTraining implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ShardedTraining.class);

    private final Model model;
    private final int threads;
    private final int shards;
    private final long seed;
    private final List<TrainingStep> replicas = new ArrayList<>();
    private final List<Parameter> parameters;
    private final boolean stochastic;
    private final ExecutorService workers;
    private final GemmBackend backend;
    private final int backendThreads;
    /** Per shard: its rows, its targets, its gradients (one per parameter), its outputs, its loss. */
    private final DMatrixRMaj[] inputs;
    private final DMatrixRMaj[] targets;
    private final DMatrixRMaj[][] gradients;
    private final DMatrixRMaj[] outputs;
    private final double[] losses;
    /** Per shard: its share of the batch's rows. */
    private final double[] rowShares;
    /** The first shard of this step that no thread has taken yet. */
    private final AtomicInteger nextShard = new AtomicInteger();

    ShardedTraining(Model model, FitOptions options) {
        this.model = model;
        this.threads = options.threads();
        this.shards = options.shards();
        this.seed = options.seed();
        this.parameters = model.parameters();
        Sequential network = model.trainingStep().network();
        for (Layer layer : network.leafLayers()) {
            if (layer instanceof NonTrainableState) {
                throw new IllegalArgumentException("FitOptions.threads: " + layer + " keeps statistics of its batches, "
                        + "which shards would split; train this model without threads");
            }
        }
        this.stochastic = network.leafLayers().stream().anyMatch(Stochastic.class::isInstance);
        for (int t = 0; t < threads; t++) {
            replicas.add(replica(network, model.loss()));
        }
        inputs = new DMatrixRMaj[shards];
        targets = new DMatrixRMaj[shards];
        outputs = new DMatrixRMaj[shards];
        gradients = new DMatrixRMaj[shards][parameters.size()];
        losses = new double[shards];
        rowShares = new double[shards];
        for (int k = 0; k < shards; k++) {
            inputs[k] = new DMatrixRMaj(1, 1);
            targets[k] = new DMatrixRMaj(1, 1);
            outputs[k] = new DMatrixRMaj(1, 1);
            for (int p = 0; p < parameters.size(); p++) {
                gradients[k][p] = new DMatrixRMaj(parameters.get(p).grad().numRows, parameters.get(p).grad().numCols);
            }
        }
        AtomicInteger number = new AtomicInteger();
        // The calling thread is worker 0: the pool holds the others.
        workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "backprop-shards-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // The cores go to the worker threads, as many as asked (one means one core): a native
        // backend's own threads would fight them.
        backend = Gemm.shared().backend();
        backendThreads = backend.threads();
        if (backendThreads > 1) {
            backend.threads(1);
        } else if (threads > 1 && backendThreads == 0) {
            LOG.warn("{} threads over shards, and the {} backend cannot tell or limit its own threads: they may "
                    + "fight for the cores", threads, backend.name());
        }
    }

    /**
     * A copy of the network and loss made from their registered types. Its parameter values are not
     * copied: {@link #shardsOf} points them at the model's at every step.
     */
    private static TrainingStep replica(Sequential network, Loss loss) {
        Components components = Components.registered();
        List<Layer> copies = new ArrayList<>();
        try {
            for (Layer layer : network.leafLayers()) {
                copies.add(components.create(Layer.class, components.describe(layer), "a copy of " + layer));
            }
            TrainingStep step = new TrainingStep(new Sequential(copies.toArray(Layer[]::new)),
                    components.create(Loss.class, components.describe(loss), "a copy of " + loss));
            step.training(true);
            return step;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("FitOptions.threads copies the network for each thread from its "
                    + "registered types: " + e.getMessage(), e);
        }
    }

    /** @return the steps of one epoch */
    EpochLoop.Steps epoch(int epoch, Iterator<Batch> batches) {
        return new BatchSteps(batches, (batch, index, metrics) -> step(batch, epoch, index, metrics));
    }

    private double step(Batch batch, int epoch, int step, List<Metric> metrics) {
        int rows = batch.size();
        int used = Math.min(shards, rows);
        for (int k = 0; k < used; k++) {
            rowShares[k] = (double) (start(k + 1, rows, used) - start(k, rows, used)) / rows;
        }
        nextShard.set(0);
        if (workers == null) {
            shardsOf(0, batch, used, epoch, step);
            sumOf(0, used);
        } else {
            runOnEveryThread(thread -> shardsOf(thread, batch, used, epoch, step));
            runOnEveryThread(thread -> sumOf(thread, used));
        }
        double loss = 0;
        for (int k = 0; k < used; k++) {
            loss += losses[k] * inputs[k].numRows / rows;
            for (Metric metric : metrics) {
                metric.update(outputs[k], targets[k]);
            }
        }
        return loss;
    }

    /**
     * Runs work 1 … threads − 1 on the pool, in this thread's precision of products, and work 0 on
     * this thread, and returns when all are done.
     */
    private void runOnEveryThread(java.util.function.IntConsumer work) {
        List<Future<?>> running = new ArrayList<>(threads - 1);
        // The products' precision is per thread: the workers take this thread's (Gemm.callWith).
        Precision precision = Gemm.precision();
        for (int t = 1; t < threads; t++) {
            int thread = t;
            running.add(workers.submit(() -> Gemm.callWith(precision, () -> {
                work.accept(thread);
                return null;
            })));
        }
        try {
            work.accept(0);
        } finally {
            // Even when this thread's part failed: no worker may still run when the step ends.
            for (Future<?> future : running) {
                await(future);
            }
        }
    }

    /**
     * What one worker does first: the next shard no thread has taken, until none is left, with its
     * own copy of the network, which reads the model's parameter values themselves (nothing writes
     * them during a step) and writes each shard's gradients straight into that shard's own matrices.
     * Which thread takes which shard changes no result, so a thread slowed by the machine takes
     * fewer and none waits for it.
     */
    private void shardsOf(int thread, Batch batch, int used, int epoch, int step) {
        TrainingStep replica = replicas.get(thread);
        List<Parameter> copies = replica.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            copies.get(p).value().data = parameters.get(p).value().data;
        }
        int rows = batch.size();
        for (int k = nextShard.getAndIncrement(); k < used; k = nextShard.getAndIncrement()) {
            int first = start(k, rows, used);
            int last = start(k + 1, rows, used);
            rows(batch.inputs(), first, last, inputs[k]);
            rows(batch.targets(), first, last, targets[k]);
            if (stochastic) {
                replica.network().reseed(shardSeed(epoch, step, k));
            }
            for (int p = 0; p < copies.size(); p++) {
                copies.get(p).grad().data = gradients[k][p].data;
            }
            losses[k] = replica.computeGradients(inputs[k], targets[k]);
            outputs[k].setTo(replica.output());
        }
    }

    /**
     * What one worker does next: its share of every parameter's elements, each the sum over the
     * shards in shard order, each weighted by its share of the rows. Every element is summed in the
     * same order whichever thread sums it, so the result does not depend on the number of threads.
     */
    private void sumOf(int thread, int used) {
        for (int p = 0; p < parameters.size(); p++) {
            DMatrixRMaj grad = parameters.get(p).grad();
            int size = grad.getNumElements();
            int from = start(thread, size, threads);
            int to = start(thread + 1, size, threads);
            double[] sum = grad.data;
            java.util.Arrays.fill(sum, from, to, 0);
            for (int k = 0; k < used; k++) {
                double weight = rowShares[k];
                double[] shard = gradients[k][p].data;
                for (int i = from; i < to; i++) {
                    sum[i] += weight * shard[i];
                }
            }
        }
    }

    /** @return where part {@code part} of {@code total} items split into {@code parts} near-equal parts begins */
    private static int start(int part, int total, int parts) {
        return (int) ((long) total * part / parts);
    }

    private static void rows(DMatrixRMaj from, int first, int last, DMatrixRMaj to) {
        to.reshape(last - first, from.numCols);
        System.arraycopy(from.data, first * from.numCols, to.data, 0, (last - first) * from.numCols);
    }

    /** SplitMix64 over the seed, epoch, step and shard: each shard's randomness, whatever thread draws it. */
    private long shardSeed(int epoch, int step, int shard) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + ((long) epoch << 40 ^ (long) step << 12 ^ shard));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Waits for a worker; an interrupt is kept for the epoch loop, which stops after this whole step. */
    private static void await(Future<?> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (backendThreads > 1) {
            backend.threads(backendThreads);
        }
    }
}
