package dev.backprop.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model}: the saved model a command reads. */
final class ModelFileOption {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by train --save")
    Path file;
}
