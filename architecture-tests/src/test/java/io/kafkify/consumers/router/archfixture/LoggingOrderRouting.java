package io.kafkify.consumers.router.archfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Architecture fixture, violation: the router using a library (SLF4J) besides the JDK. */
public final class LoggingOrderRouting {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingOrderRouting.class);

    public void route(String code) {
        LOG.info("routing {}", code);
    }
}
