package dev.backprop.examples.cli;

import dev.backprop.core.io.ModelFileException;
import dev.backprop.data.DataFormatException;
import dev.backprop.onnx.OnnxExportException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
        description = "Builds, trains, evaluates and applies small neural networks.")
public final class BackpropCommand {

    /**
     * The subcommands, in the order of the help. Added by {@link #run}: only the one a command line
     * names, since picocli reads every option of every subcommand it is given (about 50 ms at
     * each start for the ones not used); all of them for help and mistakes.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("train", TrainCommand::new);
        SUBCOMMANDS.put("evaluate", EvaluateCommand::new);
        SUBCOMMANDS.put("predict", PredictCommand::new);
        SUBCOMMANDS.put("inspect", InspectCommand::new);
        SUBCOMMANDS.put("cv", CrossValidateCommand::new);
        SUBCOMMANDS.put("export", ExportCommand::new);
        SUBCOMMANDS.put("spark", SparkCommand::new);
        SUBCOMMANDS.put("spark-predict", SparkPredictCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

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
        String[] command = args.length == 0 ? new String[] {"train"} : args;
        CommandLine line = new CommandLine(new BackpropCommand());
        Supplier<Object> named = "help".equals(command[0]) ? null : SUBCOMMANDS.get(command[0]);
        if (named != null) {
            line.addSubcommand(command[0], named.get());
        } else {
            SUBCOMMANDS.forEach((name, subcommand) -> line.addSubcommand(name, subcommand.get()));
        }
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
            String message = known || error.getMessage() != null ? error.getMessage() : error.toString();
            if (error.getClass().getName().startsWith("org.apache.spark.") && message != null) {
                // Spark's analysis errors go on with the query plan, many lines a person does not need.
                message = message.lines().findFirst().orElse(message);
            }
            errors.println("backprop: error: " + message);
            errors.flush();
            return 1;
        });
        return line.execute(command);
    }
}
