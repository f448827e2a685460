package io.kafkify.benchmarks;

import java.util.Map;
import java.util.Properties;

/**
 * Confluent Parallel Consumer, {@code KEY} ordering, asynchronous periodic commits (its default),
 * with a handler doing the same work as the raw loop. It runs in {@link ParallelConsumerWorker}'s
 * JVM, on the kafka-clients 3.x it is built against; this arm sends it the run and takes over what
 * it measured.
 */
final class ParallelConsumerArm implements Arm {

    private final ParallelConsumerProcess worker;
    private final int maxConcurrency;
    private final long handlerSleepMillis;

    /**
     * @param worker the worker JVM, shared by every Parallel Consumer arm
     * @param maxConcurrency Parallel Consumer's {@code maxConcurrency}
     * @param handlerSleepMillis how long the handler waits per record (0: it only counts)
     */
    ParallelConsumerArm(ParallelConsumerProcess worker, int maxConcurrency, long handlerSleepMillis) {
        this.worker = worker;
        this.maxConcurrency = maxConcurrency;
        this.handlerSleepMillis = handlerSleepMillis;
    }

    @Override
    public String name() {
        return "parallel-consumer-key@" + maxConcurrency;
    }

    @Override
    public String description() {
        return "parallel-consumer-core " + Versions.parallelConsumer() + ", ordering KEY, maxConcurrency "
                + maxConcurrency + ", PERIODIC_CONSUMER_ASYNCHRONOUS; in its own JVM on kafka-clients 3.9.1";
    }

    @Override
    public void consume(RunSpec run) {
        Properties request = new Properties();
        request.setProperty("bench.topic", run.topic());
        request.setProperty("bench.expected", String.valueOf(run.progress().expected()));
        request.setProperty("bench.concurrency", String.valueOf(maxConcurrency));
        request.setProperty("bench.sleep-ms", String.valueOf(handlerSleepMillis));
        long timeoutMillis = Math.max(1, (run.deadlineNanos() - System.nanoTime()) / 1_000_000);
        request.setProperty("bench.timeout-ms", String.valueOf(timeoutMillis));
        for (Map.Entry<String, Object> property : run.consumerProperties().entrySet()) {
            Object value = property.getValue();
            request.setProperty("kafka." + property.getKey(),
                    value instanceof Class<?> type ? type.getName() : String.valueOf(value));
        }
        Properties result = worker.run(request, timeoutMillis + 60_000);
        run.progress().adopt(Long.parseLong(result.getProperty("handled")),
                Long.parseLong(result.getProperty("elapsed-nanos")), Long.parseLong(result.getProperty("startup-nanos")),
                Double.parseDouble(result.getProperty("latency-nanos")));
        String error = result.getProperty("error");
        if (error != null) {
            throw new IllegalStateException(error + " (worker log: " + worker.log() + ")");
        }
    }
}
