package dev.backprop.examples.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: NumPy's seed of generated data, initial weights, shuffles and batches. */
final class SeedOption {

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of generated data, weights and shuffling, 0 to 4294967295 "
                    + "(default: 0; evaluate: 1, so that it measures samples training did not see)")
    Long seed;

    /**
     * @param otherwise this command's default
     * @return the seed given, or the default
     * @throws UsageException outside NumPy's range
     */
    long value(long otherwise) {
        long value = seed == null ? otherwise : seed;
        if (value < 0 || value > 0xffffffffL) {
            throw new UsageException("--seed must be from 0 to 4294967295, got " + value);
        }
        return value;
    }
}
