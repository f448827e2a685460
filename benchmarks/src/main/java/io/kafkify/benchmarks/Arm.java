package io.kafkify.benchmarks;

/**
 * One contestant of a scenario: a way of consuming a topic. An arm consumes until the run's
 * {@link Progress} has counted the expected records (or the run's deadline passes), then
 * commits what it handled, closes its consumer and returns.
 */
interface Arm {

    /** @return a short name for tables, e.g. {@code kafkify-partition} */
    String name();

    /** @return how the arm is set up, for the report */
    String description();

    /**
     * Consumes {@code run.topic()} in group {@code run.groupId()}, calling {@code run.handler()}
     * once per record through the arm's own dispatch. Blocks until done, then closes.
     *
     * @param run what to consume and how
     * @throws Exception whatever the framework throws; the runner reports it
     */
    void consume(RunSpec run) throws Exception;

    /**
     * @return true when the arm's group is a share group: the run starts it at the earliest offset
     *     (a new share group starts at the end) and reads its acknowledged offsets, not committed ones
     */
    default boolean shareGroup() {
        return false;
    }
}
