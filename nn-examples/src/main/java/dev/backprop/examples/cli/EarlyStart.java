package dev.backprop.examples.cli;

import dev.backprop.core.linalg.Gemm;
import java.util.Set;

/**
 * What a command that computes needs before its first product, started on a second thread while the
 * main thread parses the command line: choosing the matrix products (which loads OpenBLAS's native
 * library, about 0.1 s) and, through the logger that choice uses, configuring Logback (about 0.1 s).
 * The main thread's first product waits for the choice if it is not finished (a class's
 * initialisation runs once, whichever thread starts it), so nothing changes but the time.
 */
final class EarlyStart {

    /** The commands that multiply matrices in this JVM; an empty command line trains. */
    private static final Set<String> COMPUTING = Set.of("train", "evaluate", "predict", "cv");

    private EarlyStart() {}

    /**
     * Starts the choice of products on a daemon thread if the command computes, and does nothing
     * for help, version, inspection or Spark (whose products run in Spark's executors).
     *
     * @param args the command line
     */
    static void startFor(String[] args) {
        // A choice forced by -Dbackprop.gemm is logged at INFO, which --quiet must be able to hide.
        if (!computes(args) || System.getProperty(Gemm.PROPERTY) != null) {
            return;
        }
        Thread thread = new Thread(Gemm::shared, "backprop-early-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param args the command line
     * @return whether it runs a command that multiplies matrices in this JVM, not just its help;
     *     and not {@code --verbose}, whose DEBUG lines name the products chosen, which only the
     *     parsed command line sets the level for
     */
    static boolean computes(String[] args) {
        if (args.length > 0 && !COMPUTING.contains(args[0])) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals("-V")
                    || arg.equals("--verbose") || arg.matches("-[a-zA-Z]*v[a-zA-Z]*")) {
                return false;
            }
        }
        return true;
    }
}
