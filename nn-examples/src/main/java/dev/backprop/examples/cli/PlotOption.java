package dev.backprop.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plot}: the folder a command writes its PNG charts into. */
final class PlotOption {

    @Option(names = "--plot", paramLabel = "DIR", description = "Write PNG charts into DIR")
    Path directory;
}
