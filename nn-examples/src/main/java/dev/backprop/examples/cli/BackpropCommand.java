package dev.backprop.examples.cli;

import dev.backprop.core.io.ModelFileException;
import dev.backprop.data.DataFormatException;
import dev.backprop.onnx.OnnxExportException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code backprop} command: {@code train}, {@code evaluate}, {@code predict} and {@code spark}. With no
 * arguments it trains the book's spiral model.
 *
 * <p>Exit codes: 0 success, 1 failure (a bad file, a diverging run), 2 bad usage. Errors are one
 * line on standard error; {@code --verbose} adds the stack trace.
 */
@Command(name = "backprop", mixinStandardHelpOptions = true, version = "backprop 0.1.0",
        description = "Builds, trains, evaluates and applies small neural networks.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InspectCommand.class,
            CrossValidateCommand.class, ExportCommand.class,
            SparkCommand.class, SparkPredictCommand.class,
            CommandLine.HelpCommand.class})
public final class BackpropCommand {

    static volatile boolean verbose;

    private BackpropCommand() {}

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line; empty trains the spiral
     */
    public static void main(String[] args) {
        EarlyStart.startFor(args);
        System.exit(run(args));
    }

    /**
     * Runs the command.
     *
     * @param args the command line; empty trains the spiral
     * @return the exit code: 0 success, 1 failure, 2 bad usage
     */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command with its output and errors going to the given writers.
     *
     * @param out where results go
     * @param err where messages and errors go
     * @param args the command line; empty trains the spiral
     * @return the exit code: 0 success, 1 failure, 2 bad usage
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        System.setProperty("java.awt.headless", "true");
        verbose = false;
        CommandLine line = new CommandLine(new BackpropCommand());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            PrintWriter errors = commandLine.getErr();
            if (verbose) {
                error.printStackTrace(errors);
            }
            if (error instanceof UsageException) {
                errors.println("backprop: " + error.getMessage());
                errors.println("Try 'backprop " + commandLine.getCommandName() + " --help'.");
                errors.flush();
                return 2;
            }
            boolean known = error instanceof DataFormatException || error instanceof ModelFileException
                    || error instanceof OnnxExportException
                    || error instanceof java.io.UncheckedIOException || error instanceof ArithmeticException;
            errors.println("backprop: error: " + (known || error.getMessage() != null ? error.getMessage() : error.toString()));
            errors.flush();
            return 1;
        });
        return line.execute(args.length == 0 ? new String[] {"train"} : args);
    }
}
