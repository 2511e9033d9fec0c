package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.train.Model;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each executor JVM's copies of the networks being trained, by training run: building a network
 * from its factory on every step would cost more than the step. A task borrows a copy, loads the
 * step's parameters into it, and gives it back; a task that fails does not give it back. The
 * copies of the last few runs are kept; older runs' are dropped.
 */
final class Replicas {

    private static final int RUNS_KEPT = 4;
    private static final Map<String, Deque<Model>> BY_RUN = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Model>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    private Replicas() {}

    static Model borrow(String run, SerializableSupplier<? extends Layer> network,
            SerializableSupplier<? extends Loss> loss) {
        synchronized (BY_RUN) {
            Model model = BY_RUN.computeIfAbsent(run, key -> new ArrayDeque<>()).pollFirst();
            if (model != null) {
                return model;
            }
        }
        return Model.builder(network.get()).loss(loss.get()).build();
    }

    static void giveBack(String run, Model model) {
        synchronized (BY_RUN) {
            BY_RUN.computeIfAbsent(run, key -> new ArrayDeque<>()).addFirst(model);
        }
    }

    static void forget(String run) {
        synchronized (BY_RUN) {
            BY_RUN.remove(run);
        }
    }
}
