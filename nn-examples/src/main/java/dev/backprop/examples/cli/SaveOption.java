package dev.backprop.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --save}: where a training command writes its model. */
final class SaveOption {

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model (.bpz)")
    Path file;
}
