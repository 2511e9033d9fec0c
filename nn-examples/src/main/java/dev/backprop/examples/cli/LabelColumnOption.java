package dev.backprop.examples.cli;

import picocli.CommandLine.Option;

/** {@code --label-column}: the CSV column that holds the target. */
final class LabelColumnOption {

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "The CSV column holding the label (default: the first of label, target, class, y; "
                    + "else the last column)")
    String name;
}
