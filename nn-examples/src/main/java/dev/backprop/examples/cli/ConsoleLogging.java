package dev.backprop.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.TimeZone;

/**
 * The command's logging, configured in code (found by Logback through {@link java.util.ServiceLoader}):
 * lines such as {@code 12:04:05.123 INFO  EpochLoop - epoch 1/10: …} on standard error (standard
 * output carries only results, so every command can be piped), INFO and above, and only warnings
 * from Spark's own libraries. Reading the same settings from an XML file took Logback about 0.1 s
 * more at every start (its XML parser and configuration model).
 *
 * <p>A configuration of the user's own takes precedence: with {@code -Dlogback.configurationFile}
 * or a {@code logback.xml} (or {@code logback-test.xml}) on the class path, this one steps aside.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    /** Made by Logback's service loader. */
    public ConsoleLogging() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Line layout = new Line();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String quiet : new String[] {"org.apache", "org.sparkproject", "io.netty"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * One event as one line: local time to the millisecond, the level padded to 5, the logger's
     * simple name, the message; then the stack trace of an exception, if the event has one.
     */
    static final class Line extends LayoutBase<ILoggingEvent> {

        private final TimeZone zone = TimeZone.getDefault();

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            long millis = event.getTimeStamp();
            long local = Math.floorMod(millis + zone.getOffset(millis), 86_400_000L);
            digits(line, local / 3_600_000, 2).append(':');
            digits(line, local / 60_000 % 60, 2).append(':');
            digits(line, local / 1000 % 60, 2).append('.');
            digits(line, local % 1000, 3).append(' ');
            String level = event.getLevel().toString();
            line.append(level);
            for (int i = level.length(); i < 5; i++) {
                line.append(' ');
            }
            String logger = event.getLoggerName();
            line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(" - ")
                    .append(event.getFormattedMessage()).append(System.lineSeparator());
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(System.lineSeparator());
            }
            return line.toString();
        }

        private static StringBuilder digits(StringBuilder line, long value, int width) {
            String text = Long.toString(value);
            for (int i = text.length(); i < width; i++) {
                line.append('0');
            }
            return line.append(text);
        }
    }
}
