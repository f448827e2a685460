package io.kafkify.consumers.testkit.broker.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the broker's child JVM, chosen there with {@code -Dslf4j.provider}. The
 * child inherits the test classpath, whose SLF4J binding (none, slf4j-simple, Logback with the
 * project's {@code logback-test.xml}) would otherwise decide whether the broker's log, and the
 * reason it failed to start, reach the broker log file at all. It is deliberately not
 * registered in {@code META-INF/services}, so that it never competes with the test JVM's own
 * binding.
 *
 * <p>It writes {@code HH:mm:ss.SSS [thread] LEVEL logger - message} lines to standard error at
 * the level of the system property {@value #LEVEL_PROPERTY} ({@code INFO} by default).
 */
public final class BrokerLogServiceProvider implements SLF4JServiceProvider {

    /** The system property that sets the child's log level: TRACE, DEBUG, INFO, WARN or ERROR. */
    public static final String LEVEL_PROPERTY = "kafkify.broker.log.level";

    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new BasicMDCAdapter();
    private final LoggerFactory loggerFactory = new LoggerFactory(threshold());

    /** Instantiated by SLF4J. */
    public BrokerLogServiceProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static Level threshold() {
        String value = System.getProperty(LEVEL_PROPERTY, "INFO");
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("Ignoring -D" + LEVEL_PROPERTY + "=" + value
                    + ": expected TRACE, DEBUG, INFO, WARN or ERROR. Logging at INFO.");
            return Level.INFO;
        }
    }

    private static final class LoggerFactory implements ILoggerFactory {

        private final Level threshold;
        private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

        LoggerFactory(Level threshold) {
            this.threshold = threshold;
        }

        @Override
        public Logger getLogger(String name) {
            return loggers.computeIfAbsent(name, n -> new StandardErrorLogger(n, threshold));
        }
    }

    private static final class StandardErrorLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

        private final int threshold;

        StandardErrorLogger(String name, Level threshold) {
            this.name = name;
            this.threshold = threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return Level.TRACE.toInt() >= threshold;
        }

        @Override
        public boolean isDebugEnabled() {
            return Level.DEBUG.toInt() >= threshold;
        }

        @Override
        public boolean isInfoEnabled() {
            return Level.INFO.toInt() >= threshold;
        }

        @Override
        public boolean isWarnEnabled() {
            return Level.WARN.toInt() >= threshold;
        }

        @Override
        public boolean isErrorEnabled() {
            return Level.ERROR.toInt() >= threshold;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                Object[] arguments, Throwable throwable) {
            StringBuilder line = new StringBuilder(160)
                    .append(LocalTime.now().format(TIME))
                    .append(" [").append(Thread.currentThread().getName()).append("] ")
                    .append(level).append(' ').append(name).append(" - ")
                    .append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            }
            PrintStream err = System.err;
            err.println(line);
        }
    }
}
