package io.kafkify.consumers.engine.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What a source that acknowledges each record on its own (a Kafka share group) is to tell the
 * broker about one delivery, as {@link io.kafkify.consumers.engine.AcknowledgingEngine} decides it.
 *
 * @param type accept, release or reject
 * @param releaseAfter for {@link Type#RELEASE}, how long the source keeps the record (its lock
 *     renewed) before it releases it: the retry's backoff; zero otherwise
 */
public record Acknowledgement(Type type, Duration releaseAfter) {

    /** The record is finished: handled, taken by no handler, dead-lettered or skipped. */
    public static final Acknowledgement ACCEPT = new Acknowledgement(Type.ACCEPT, Duration.ZERO);

    /** The record is given up on by the REJECT policy: the broker archives it. */
    public static final Acknowledgement REJECT = new Acknowledgement(Type.REJECT, Duration.ZERO);

    /** The record is not finished and goes back to the broker now, for another delivery. */
    public static final Acknowledgement RELEASE_NOW = new Acknowledgement(Type.RELEASE, Duration.ZERO);

    /** The kinds of acknowledgement, as Kafka's {@code AcknowledgeType} names them. */
    public enum Type {
        /** Processed: the broker never delivers it again. */
        ACCEPT,
        /** Not processed: the broker delivers it again, its delivery count one higher. */
        RELEASE,
        /** Unprocessable: the broker archives it. */
        REJECT
    }

    /**
     * Checks the components.
     *
     * @param type see {@link #type()}
     * @param releaseAfter see {@link #releaseAfter()}
     */
    public Acknowledgement {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(releaseAfter, "releaseAfter");
        if (releaseAfter.isNegative() || (type != Type.RELEASE && !releaseAfter.isZero())) {
            throw new IllegalArgumentException("Only a release waits, and never a negative time; was " + type + " after "
                    + releaseAfter);
        }
    }

    /**
     * @param backoff how long to keep the record first
     * @return a release after the backoff
     */
    public static Acknowledgement releaseAfter(Duration backoff) {
        return new Acknowledgement(Type.RELEASE, backoff);
    }
}
