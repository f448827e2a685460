package io.kafkify.examples.archfixture;

import io.kafkify.benchmarks.archfixture.OrderBenchmark;

/** Architecture fixture, violation: an example depending on the benchmarks, which nothing uses. */
public final class ApplicationRunningBenchmark {

    private final OrderBenchmark benchmark = new OrderBenchmark();

    public OrderBenchmark benchmark() {
        return benchmark;
    }
}
