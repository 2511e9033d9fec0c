package dev.backprop.spark;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A supplier that Spark can ship to its executors: a lambda such as
 * {@code () -> new Sequential(new Dense(2, 64), new ReLU(), new Dense(64, 3))} is serializable
 * when its target type is this interface, as long as what it captures is.
 *
 * @param <T> what it makes
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}
