package io.kafkify.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * What one run of one arm measured.
 *
 * @param arm the arm's name
 * @param expected the records the run had to handle
 * @param handled the records it handled (at least once)
 * @param elapsedNanos first to expected last handled record, or -1 when not all were handled
 * @param startupNanos consumer creation to first handled record (joining the group), or -1
 * @param committed the sum of the group's committed offsets after the arm closed, or -1 if unknown
 * @param meanLatencyNanos the handler's measured mean latency, or NaN when it does not wait
 * @param error why the run failed, or null
 * @param cpuNanos the benchmark JVM's process CPU time from the first to the last handled record, or -1
 */
record RunResult(String arm, long expected, long handled, long elapsedNanos, long startupNanos, long committed,
                 double meanLatencyNanos, @Nullable String error, long cpuNanos) {

    /** @return process CPU nanoseconds per handled record, or NaN when not measured */
    double cpuNanosPerRecord() {
        return complete() && cpuNanos >= 0 ? (double) cpuNanos / expected : Double.NaN;
    }

    /** @return true when every expected record was handled and nothing failed */
    boolean complete() {
        return error == null && handled >= expected && elapsedNanos > 0;
    }

    /** @return records per second from first to last, or NaN */
    double recordsPerSecond() {
        return complete() ? expected * 1e9 / elapsedNanos : Double.NaN;
    }
}
