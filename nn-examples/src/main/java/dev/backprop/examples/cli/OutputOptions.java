package dev.backprop.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How much the command says: log levels, the progress bar. */
final class OutputOptions {

    @Option(names = {"-v", "--verbose"}, description = "Log at DEBUG and show stack traces of errors")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only warnings, errors and the results")
    boolean quiet;

    @Option(names = "--no-progress", description = "Log lines instead of a progress bar")
    boolean noProgress;

    void configureLogging() {
        // Under spark-submit, Spark's own SLF4J binding may win over Logback: then Spark's
        // logging configuration decides the levels.
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(verbose ? Level.DEBUG : quiet ? Level.WARN : Level.INFO);
        }
        BackpropCommand.verbose = verbose;
    }

    /** @return a progress bar when the output is a terminal and not silenced; else null (log lines) */
    ProgressDisplay progress(int firstEpoch, int epochs, long stepsPerEpoch) {
        if (quiet || noProgress || System.console() == null) {
            return null;
        }
        return new ProgressDisplay(firstEpoch, epochs, stepsPerEpoch);
    }

    void say(CommandSpec spec, String message) {
        if (!quiet) {
            spec.commandLine().getErr().println(message);
            spec.commandLine().getErr().flush();
        }
    }
}
