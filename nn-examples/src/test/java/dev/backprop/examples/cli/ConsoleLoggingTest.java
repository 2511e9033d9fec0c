package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The command's logging as configured in code: levels, where lines go, and what a line looks like. */
class ConsoleLoggingTest {

    private static LoggingEvent event(LoggerContext context, String logger, Level level, String message,
            Throwable error, long millis) {
        LoggingEvent event = new LoggingEvent(ConsoleLoggingTest.class.getName(), context.getLogger(logger), level,
                message, error, new Object[] {7});
        event.setTimeStamp(millis);
        return event;
    }

    @Test
    void configuresStandardErrorAtInfoWithSparkQuiet() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);
        assertSame(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, logging.configure(context));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("org.apache.spark.SparkContext").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("io.netty").getEffectiveLevel());
        assertEquals(Level.INFO, context.getLogger("dev.backprop.core.train.EpochLoop").getEffectiveLevel());
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("CONSOLE");
        assertEquals("System.err", console.getTarget());
        assertTrue(console.isStarted());
    }

    @Test
    void stepsAsideForTheUsersOwnConfigurationFile() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "mine.xml");
        try {
            LoggerContext context = new LoggerContext();
            ConsoleLogging logging = new ConsoleLogging();
            logging.setContext(context);
            assertSame(ExecutionStatus.INVOKE_NEXT_IF_ANY, logging.configure(context));
            assertTrue(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE") == null);
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }

    @Test
    void aLineIsTimeLevelLoggerAndMessage() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.Line layout = new ConsoleLogging.Line();
        layout.setContext(context);
        layout.start();
        // 2026-12-01 13:04:05.007 local time.
        long millis = 1_796_130_245_007L;
        long local = millis + TimeZone.getDefault().getOffset(millis);
        String time = String.format("%02d:%02d:%02d.%03d", local / 3_600_000 % 24, local / 60_000 % 60,
                local / 1000 % 60, local % 1000);
        String nl = System.lineSeparator();
        assertEquals(time + " INFO  EpochLoop - epoch 7 done" + nl,
                layout.doLayout(event(context, "dev.backprop.core.train.EpochLoop", Level.INFO, "epoch {} done", null,
                        millis)));
        assertEquals(time + " WARN  app - w" + nl,
                layout.doLayout(event(context, "app", Level.WARN, "w", null, millis)));
        String withError = layout.doLayout(event(context, "a.B", Level.ERROR, "failed", new IllegalStateException("boom"),
                millis));
        assertTrue(withError.startsWith(time + " ERROR B - failed" + nl + "java.lang.IllegalStateException: boom" + nl
                + "\tat "), withError);
    }
}
