package io.kafkify.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The benchmark JVM's process CPU time, the sum over all its threads: on 2 cores a ratio of rates
 * hides the CPU that parallel decoding spends, CPU per record does not.
 */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** @return CPU nanoseconds this process has used so far, or -1 where the JVM does not say */
    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
