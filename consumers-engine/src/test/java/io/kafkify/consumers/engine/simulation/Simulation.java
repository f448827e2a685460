package io.kafkify.consumers.engine.simulation;

import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.NonRetryableException;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One seeded schedule of a consumer's life, run on one thread: a simulated broker (partitions,
 * fetch positions, commits, rebalances), simulated handler threads (an executor whose tasks run
 * when the schedule says), simulated time, and handlers and a dead-letter topic that succeed,
 * fail, run slowly or hang as the seed decides. After every step it checks the engine against
 * a model of what must hold; the first broken invariant ends the schedule as a {@link Violation}.
 *
 * <p>A slow handler runs further steps of the schedule inside its own call before it returns,
 * so that other records, polls, rebalances and timers happen while it runs; a hanging handler
 * runs the rest of the schedule inside its call, including the first wind-down, and only
 * returns at the end. The thread that polls is modelled too: while the engine blocks it (a
 * revoke or a stop waiting for running records), only handler threads and timers move.
 */
final class Simulation {

    /** What a broken invariant is about. */
    enum Kind {
        /** An offset was handed out for commit past a record that was never handled, dead-lettered or skipped. */
        LOSS,
        /** The failure policy took a record before its attempts were used up. */
        GAVE_UP_EARLY,
        /** A record whose failure cannot be retried was attempted again. */
        RETRIED_PERMANENT,
        /** Fetched and not committable records exceeded the bound. */
        UNBOUNDED,
        /** An engine task threw, or the engine threw at its caller. */
        WEDGED,
        /** Work that could run did not: a partition never finished although nothing blocked it. */
        STALLED,
        /** Records of one lane ran out of order or at the same time, or a partition was attempted while halted. */
        ORDER,
        /** A record was attempted after its partition was revoked, lost or stopped. */
        AFTER_REVOKE,
        /** More handlers ran at once than maxConcurrency allows. */
        CONCURRENCY,
        /** The engine's own consistency check failed. */
        INTERNAL
    }

    /** The first broken invariant of a schedule. */
    static final class Violation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Kind kind;

        Violation(Kind kind, String message) {
            super(kind + ": " + message, null, false, false);
            this.kind = kind;
        }
    }

    /** The kinds of trouble a schedule may meet besides slow handlers, transient failures and hangs. */
    enum Fault {
        /** Partitions are revoked, lost and assigned. */
        REBALANCES,
        /** Fetch positions move back, as after a user's seek or a log truncation. */
        RESETS,
        /** The consumer stops before the end of the schedule. */
        EARLY_STOP,
        /** The outcome observer throws now and then (when the scenario says so). */
        THROWING_OBSERVER,
        /** Records whose every attempt fails, retryably. */
        POISON,
        /** Records that fail in a way that cannot be retried. */
        PERMANENT,
        /** Records whose exception throws from getMessage() and toString(). */
        EVIL
    }

    static final Set<Fault> ALL_FAULTS = Set.of(Fault.values());

    private static final Duration REVOKE_TIMEOUT_MAX = Duration.ofMillis(6);
    private static final int MAX_DEPTH = 6;
    private static final int TRACE = 80;

    final long seed;
    final Scenario scenario;
    private final Random random;
    private final boolean verbose;
    private final SimulatedTime time = new SimulatedTime();
    private final List<Runnable> tasks = new ArrayList<>();
    private final EngineDriver engine;
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    private final Set<Fault> faults;

    // the broker
    private final List<List<SimRecord>> log = new ArrayList<>();
    private final long[] position;
    private final boolean[] owned;
    private final boolean[] revoking;
    private final int[] epoch;
    private final Set<PartitionId> paused = new HashSet<>();
    private final ArrayDeque<Map<PartitionId, Long>> pendingCommits = new ArrayDeque<>();
    private final ArrayDeque<int[]> pendingCommitEpochs = new ArrayDeque<>();

    // the model
    private final long[] fetchedFrom;
    private final long[] fetchedTo;
    private final long[] lastOffered;
    private final int[] generation;
    private final boolean[] stoppedAt;
    private final Map<String, Long> lastAttempted = new HashMap<>();
    private final List<Running> running = new ArrayList<>();

    // the schedule
    private Violation violation;
    private boolean pollBusy;
    private boolean calm;
    private boolean engineStopped;
    private boolean phase1Done;
    private int hangs;
    private int hangsActive;
    private int depth;
    private int stepsLeft;
    private long steps;

    Simulation(long seed, EngineDriver.Factory factory, boolean verbose) {
        this(seed, Scenario.draw(new Random(seed)), ALL_FAULTS, factory, verbose);
    }

    Simulation(long seed, Scenario scenario, Set<Fault> faults, EngineDriver.Factory factory, boolean verbose) {
        this.seed = seed;
        this.faults = Set.copyOf(faults);
        this.scenario = scenario;
        this.random = new Random(seed * 31 + 7);
        this.verbose = verbose;
        int partitions = scenario.partitions();
        position = new long[partitions];
        owned = new boolean[partitions];
        revoking = new boolean[partitions];
        epoch = new int[partitions];
        fetchedFrom = new long[partitions];
        fetchedTo = new long[partitions];
        lastOffered = new long[partitions];
        generation = new int[partitions];
        stoppedAt = new boolean[partitions];
        for (int p = 0; p < partitions; p++) {
            List<SimRecord> records = new ArrayList<>();
            for (int offset = 0; offset < scenario.logSizes()[p]; offset++) {
                records.add(new SimRecord(p, offset, random.nextInt(6) == 0 ? null : "k" + random.nextInt(scenario.keys()),
                        "ABC".substring(random.nextInt(3)).substring(0, 1), nature()));
            }
            log.add(records);
        }
        ProcessingPolicy policy = new ProcessingPolicy(scenario.ordering(), scenario.maxConcurrency(),
                scenario.maxAttempts(), Duration.ofMillis(scenario.backoffMillis()),
                Duration.ofMillis(scenario.backoffMillis() * 4), scenario.failurePolicy(), ".DLT",
                scenario.deadLetterUnrouted(), Set.of(DeclaredPermanent.class));
        time.awaitWith(this::await);
        engine = factory.create(new EngineDriver.Parts(text(), text(), value -> (String) value, noBinder(), handlers(),
                policy, scenario.maxBufferedRecords(),
                scenario.maxPollRecords(), tasks::add, time, this::publish, this::observe));
    }

    private Nature nature() {
        int draw = random.nextInt(100);
        if (draw < 6) {
            return faults.contains(Fault.POISON) ? Nature.POISON : Nature.NORMAL;
        }
        if (draw < 10) {
            return faults.contains(Fault.PERMANENT) ? Nature.PERMANENT : Nature.NORMAL;
        }
        return draw < 13 && faults.contains(Fault.EVIL) ? Nature.EVIL : Nature.NORMAL;
    }

    /** @return the violation, or null when every invariant held to the end */
    Violation run() {
        try {
            List<PartitionId> all = new ArrayList<>();
            for (int p = 0; p < scenario.partitions(); p++) {
                all.add(id(p));
            }
            assign(all);
            stepsLeft = scenario.steps();
            while (stepsLeft > 0 && violation == null) {
                step();
            }
            if (!phase1Done && violation == null) {
                windDown(true);
            }
            if (violation == null) {
                windDown(false);
            }
            if (violation == null && !engineStopped) {
                stop();
            }
        } catch (Violation v) {
            // recorded in violation
        } catch (RuntimeException | Error e) {
            fail(Kind.WEDGED, "the simulation itself met " + e + " at " + stackTop(e));
        }
        return violation;
    }

    String trace() {
        return String.join("\n", trace);
    }

    // ------------------------------------------------------------------ steps

    private void step() {
        stepsLeft--;
        steps++;
        if (pollBusy || engineStopped) {
            otherThreadStep();
        } else {
            int draw = random.nextInt(100);
            if (draw < 28) {
                poll();
            } else if (draw < 55) {
                otherThreadStep();
            } else if (draw < 65 && !pendingCommits.isEmpty()) {
                completeCommit(random.nextInt(5) > 0);
            } else if (draw < 71 && faults.contains(Fault.REBALANCES)) {
                rebalance();
            } else if (draw < 75) {
                resumeStopped();
            } else if (draw < 77 && faults.contains(Fault.RESETS)) {
                resetPosition();
            } else if (draw < 78 && random.nextInt(8) == 0 && faults.contains(Fault.EARLY_STOP)) {
                stop();
            } else {
                otherThreadStep();
            }
        }
        check();
    }

    /** What handler threads and timers do while the polling thread is elsewhere. */
    private void otherThreadStep() {
        int draw = random.nextInt(10);
        if (!tasks.isEmpty() && draw < 7) {
            runTask();
        } else if (time.hasTimers() && draw < 9) {
            note("fire timer due at " + time.nextDue());
            time.fireNext();
        } else {
            time.advance(Duration.ofMillis(1));
        }
    }

    private void runTask() {
        Runnable task = tasks.remove(random.nextInt(tasks.size()));
        try {
            task.run();
        } catch (Violation v) {
            throw v;
        } catch (RuntimeException | Error e) {
            if (violation == null) {
                fail(Kind.WEDGED, "an engine task threw " + e + " at " + stackTop(e)
                        + ": the lane it ran is left scheduled and never runs again");
            }
        }
    }

    private void check() {
        if (violation != null) {
            throw violation;
        }
        try {
            engine.checkInternalInvariants();
        } catch (Violation v) {
            throw v;
        } catch (RuntimeException | AssertionError e) {
            fail(Kind.INTERNAL, String.valueOf(e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ the polling thread

    private void poll() {
        EngineDriver.Flow flow = call("flow", engine::flow);
        flow.seeks().forEach((partition, offset) -> {
            int p = partition.partition();
            note("seek " + partition + " to " + offset);
            for (Running r : running) {
                if (r.record.partition == p && r.epoch == epoch[p]) {
                    fail(Kind.ORDER, partition + " restarted at " + offset + " while " + r.record + " still runs");
                }
            }
            position[p] = offset;
            newGeneration(p, offset);
            stoppedAt[p] = false;
        });
        paused.clear();
        paused.addAll(flow.paused());
        int budget = scenario.maxPollRecords();
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < scenario.partitions(); p++) {
            order.add(p);
        }
        Collections.shuffle(order, random);
        int fetched = 0;
        for (int p : order) {
            if (!owned[p] || paused.contains(id(p)) || budget == 0) {
                continue;
            }
            List<SimRecord> records = log.get(p);
            int available = (int) Math.min(budget, records.size() - position[p]);
            if (available <= 0) {
                continue;
            }
            int count = 1 + random.nextInt(available);
            List<RawRecord> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batch.add(records.get((int) position[p] + i).raw());
            }
            long first = position[p];
            position[p] += count;
            budget -= count;
            fetched += count;
            if (first >= fetchedTo[p]) {
                fetchedTo[p] = position[p];
            }
            note("poll " + id(p) + " " + first + ".." + (position[p] - 1));
            int p0 = p;
            call("accept", () -> {
                engine.accept(id(p0), batch);
                return null;
            });
        }
        Map<PartitionId, Long> ready = call("commitReady", engine::commitReady);
        offered(ready, "commitReady");
        if (!ready.isEmpty()) {
            pendingCommits.add(ready);
            int[] epochs = new int[scenario.partitions()];
            ready.keySet().forEach(partition -> epochs[partition.partition()] = epoch[partition.partition()]);
            pendingCommitEpochs.add(epochs);
        }
        checkWindow(fetched);
        lastFetched = fetched;
        if (fetched == 0) {
            // A poll that returns nothing blocks for its timeout, unless a timer fires first.
            time.advanceTo(Math.min(time.nanoTime() + POLL_TIMEOUT.toNanos(), time.nextDue()));
        }
    }

    private int lastFetched;
    /** The adapters' poll timeout: what an empty poll costs in time. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private void completeCommit(boolean success) {
        Map<PartitionId, Long> offsets = pendingCommits.poll();
        int[] epochs = pendingCommitEpochs.poll();
        boolean current = true;
        for (PartitionId partition : offsets.keySet()) {
            int p = partition.partition();
            current &= owned[p] && epochs[p] == epoch[p];
        }
        boolean ok = success && current;
        note("commit " + offsets + (ok ? " confirmed" : " failed"));
        if (ok) {
            offsets.forEach((partition, offset) -> committed.put(partition.partition(), offset));
        }
        call("commit result", () -> {
            if (ok) {
                engine.committed(offsets);
            } else {
                engine.commitFailed(offsets);
            }
            return null;
        });
    }

    private void rebalance() {
        List<PartitionId> ownedNow = new ArrayList<>();
        List<PartitionId> free = new ArrayList<>();
        for (int p = 0; p < scenario.partitions(); p++) {
            (owned[p] ? ownedNow : free).add(id(p));
        }
        int draw = random.nextInt(10);
        if (!free.isEmpty() && (draw < 5 || ownedNow.isEmpty())) {
            assign(subset(free));
        } else if (!ownedNow.isEmpty() && draw < 8) {
            List<PartitionId> revoked = subset(ownedNow);
            Duration timeout = Duration.ofMillis(random.nextInt((int) REVOKE_TIMEOUT_MAX.toMillis()));
            note("revoke " + revoked + " within " + timeout.toMillis() + " ms");
            for (PartitionId partition : revoked) {
                revoking[partition.partition()] = true;
            }
            Map<PartitionId, Long> commits = blocking(() -> engine.revoke(revoked, timeout));
            offered(commits, "revoke");
            for (PartitionId partition : revoked) {
                disown(partition.partition());
            }
        } else if (!ownedNow.isEmpty()) {
            List<PartitionId> lost = subset(ownedNow);
            note("lose " + lost);
            for (PartitionId partition : lost) {
                revoking[partition.partition()] = true;
            }
            call("lose", () -> {
                engine.lose(lost);
                return null;
            });
            for (PartitionId partition : lost) {
                disown(partition.partition());
            }
        }
    }

    private void assign(List<PartitionId> partitions) {
        note("assign " + partitions);
        for (PartitionId partition : partitions) {
            int p = partition.partition();
            owned[p] = true;
            revoking[p] = false;
            epoch[p]++;
            position[p] = committedOffset(p);
            newGeneration(p, position[p]);
            stoppedAt[p] = false;
        }
        call("assign", () -> {
            engine.assign(partitions);
            return null;
        });
    }

    private void disown(int p) {
        owned[p] = false;
        revoking[p] = false;
        epoch[p]++;
        stoppedAt[p] = false;
    }

    private void resumeStopped() {
        for (int p = 0; p < scenario.partitions(); p++) {
            if (owned[p] && stoppedAt[p]) {
                int p0 = p;
                note("resume " + id(p));
                call("resume", () -> {
                    engine.resume(id(p0));
                    return null;
                });
            }
        }
    }

    /** A user's seek or a log truncation: the fetch position of a partition moves back. */
    private void resetPosition() {
        int p = random.nextInt(scenario.partitions());
        if (owned[p] && position[p] > 0) {
            position[p] = random.nextInt((int) position[p]);
            note("position of " + id(p) + " reset to " + position[p]);
            fetchedFrom[p] = position[p];
            fetchedTo[p] = position[p];
        }
    }

    private void stop() {
        note("stop");
        for (int p = 0; p < scenario.partitions(); p++) {
            if (owned[p]) {
                revoking[p] = true;
            }
        }
        engineStopped = true;
        Map<PartitionId, Long> commits = blocking(() -> engine.stop(Duration.ofMillis(random.nextInt(6))));
        offered(commits, "stop");
        for (int p = 0; p < scenario.partitions(); p++) {
            if (owned[p]) {
                disown(p);
            }
        }
    }

    private <T> T blocking(Supplier<T> call) {
        boolean was = pollBusy;
        pollBusy = true;
        try {
            return call("blocking call", call);
        } finally {
            pollBusy = was;
        }
    }

    /**
     * How the engine waits on the polling thread: handler threads and timers go on, the
     * polling thread does nothing else, and simulated time passes until the condition holds or
     * the timeout does.
     */
    boolean await(BooleanSupplier condition, Duration timeout) {
        boolean was = pollBusy;
        pollBusy = true;
        long deadline = time.nanoTime() + timeout.toNanos();
        try {
            while (violation == null) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                steps++;
                if (!tasks.isEmpty() && random.nextInt(10) < 9) {
                    runTask();
                } else if (time.nextDue() <= deadline) {
                    time.fireNext();
                } else if (time.nanoTime() >= deadline) {
                    return condition.getAsBoolean();
                } else {
                    time.advanceTo(Math.min(deadline, time.nanoTime() + 1_000_000L));
                }
                check();
            }
            throw violation;
        } finally {
            pollBusy = was;
        }
    }

    // ------------------------------------------------------------------ winding down

    /**
     * Lets everything run to the end with healthy handlers and dead-letter topic: first while
     * hanging handlers still hang (the other partitions must finish), then after they returned
     * (every partition must finish).
     */
    private void windDown(boolean whileHanging) {
        calm = true;
        note(whileHanging ? "wind down while " + hangsActive + " handler(s) hang" : "wind down");
        int quietPolls = 0;
        for (int i = 0; i < 50_000 && violation == null; i++) {
            steps++;
            if (!tasks.isEmpty()) {
                runTask();
            } else if (time.hasTimers()) {
                time.fireNext();
            } else if (!pendingCommits.isEmpty() && !engineStopped) {
                completeCommit(true);
            } else if (!engineStopped && !pollBusy) {
                resumeStopped();
                poll();
                quietPolls = lastFetched == 0 && tasks.isEmpty() && !time.hasTimers() ? quietPolls + 1 : 0;
                if (quietPolls >= 3) {
                    checkFinished(whileHanging);
                    return;
                }
            } else {
                return;
            }
            check();
        }
        if (violation == null) {
            fail(Kind.STALLED, "the schedule did not quiesce");
        }
    }

    private void checkFinished(boolean whileHanging) {
        // A hanging handler holds its thread, and so does every handler below it on the stack
        // (a slow one that ran the hang inside its call): their partitions cannot finish yet.
        Set<Integer> blocked = new HashSet<>();
        for (Running attempt : running) {
            blocked.add(attempt.record.partition);
        }
        if (whileHanging && running.size() >= scenario.maxConcurrency()) {
            return;
        }
        for (int p = 0; p < scenario.partitions(); p++) {
            if (!owned[p] || (whileHanging && blocked.contains(p))) {
                continue;
            }
            long end = log.get(p).size();
            long offeredUpTo = Math.max(lastOffered[p], committedOffset(p));
            if (end > 0 && offeredUpTo < end) {
                fail(Kind.STALLED, id(p) + " is committable only up to " + offeredUpTo + " of " + end
                        + (whileHanging ? " while handlers of partitions " + blocked + " hang" : "")
                        + "; first unfinished: " + firstNotDone(p));
            }
        }
    }

    // ------------------------------------------------------------------ the model's checks

    private void offered(Map<PartitionId, Long> offsets, String by) {
        offsets.forEach((partition, offset) -> {
            int p = partition.partition();
            for (SimRecord record : log.get(p)) {
                if (record.offset < offset && !record.done) {
                    fail(Kind.LOSS, by + " offered " + partition + "@" + offset + " for commit, past " + record
                            + ", which was never handled, dead-lettered or skipped");
                }
            }
            lastOffered[p] = offset;
            if (!by.equals("commitReady")) {
                committed.put(p, offset);
            }
        });
    }

    private final Map<Integer, Long> committed = new HashMap<>();

    private long committedOffset(int p) {
        return committed.getOrDefault(p, 0L);
    }

    private void checkWindow(int fetched) {
        long total = 0;
        StringBuilder parts = new StringBuilder();
        for (int p = 0; p < scenario.partitions(); p++) {
            if (!owned[p] || stoppedAt[p]) {
                // A stopped partition keeps only what it needs to restart; the engine's own
                // check (buffered within the bound) covers it.
                continue;
            }
            long window = Math.max(0, fetchedTo[p] - Math.max(fetchedFrom[p], lastOffered[p]));
            total += window;
            parts.append(' ').append(id(p)).append('=').append(window);
        }
        if (total > scenario.maxBufferedRecords()) {
            fail(Kind.UNBOUNDED, total + " records fetched and not committable (" + parts.toString().trim()
                    + ") exceed the bound of " + scenario.maxBufferedRecords() + " after a poll of " + fetched);
        }
    }

    private void newGeneration(int p, long from) {
        generation[p]++;
        fetchedFrom[p] = from;
        fetchedTo[p] = from;
        lastAttempted.keySet().removeIf(lane -> lane.startsWith(p + "/"));
    }

    private Running startAttempt(SimRecord record, String what) {
        int p = record.partition;
        if (!owned[p] || revoking[p] || engineStopped) {
            fail(Kind.AFTER_REVOKE, what + " of " + record + " started after its partition was "
                    + (engineStopped ? "stopped" : "revoked or lost"));
        }
        if (stoppedAt[p]) {
            fail(Kind.ORDER, what + " of " + record + " started while its partition is stopped by the STOP policy");
        }
        record.newGenerationIfNeeded(generation[p]);
        if (record.permanentFailure && what.equals("attempt")) {
            fail(Kind.RETRIED_PERMANENT, record + " was attempted again after a failure that cannot be retried");
        }
        String lane = lane(record);
        for (Running other : running) {
            if (other.epoch == epoch[p] && other.lane.equals(lane)) {
                fail(Kind.ORDER, what + " of " + record + " started while " + other.record + " of the same lane runs");
            }
        }
        Long last = lastAttempted.get(lane);
        if (last != null && record.offset < last && scenario.ordering() != Ordering.UNORDERED) {
            fail(Kind.ORDER, what + " of " + record + " started after offset " + last + " of its lane " + lane);
        }
        lastAttempted.put(lane, record.offset);
        Running attempt = new Running(record, lane, epoch[p], generation[p]);
        running.add(attempt);
        if (engine.enforcesMaxConcurrency() && running.size() > scenario.maxConcurrency()) {
            fail(Kind.CONCURRENCY, running.size() + " handlers run at once, more than " + scenario.maxConcurrency());
        }
        return attempt;
    }

    private String lane(SimRecord record) {
        return switch (scenario.ordering()) {
            case PARTITION -> record.partition + "/";
            case KEY -> record.partition + "/" + record.key;
            case UNORDERED -> record.partition + "/@" + record.offset;
        };
    }

    private void gaveUp(SimRecord record, String how, boolean unrouted) {
        int p = record.partition;
        if (unrouted) {
            return;
        }
        if (stale(record)) {
            fail(Kind.GAVE_UP_EARLY, how + " " + record + " although its partition was revoked, lost or stopped"
                    + " while it failed: a failed attempt on a halted partition must be left for the next owner");
        }
        if (record.generation != generation[p]) {
            return;
        }
        if (!record.permanentFailure && record.retryableFailures < scenario.maxAttempts()) {
            fail(Kind.GAVE_UP_EARLY, how + " " + record + " after " + record.retryableFailures
                    + " failed attempt(s) of " + scenario.maxAttempts());
        }
    }

    /** @return whether the record's last failure happened in an ownership that has ended, or is ending */
    private boolean stale(SimRecord record) {
        int p = record.partition;
        return record.lastFailedEpoch != epoch[p] || !owned[p] || revoking[p] || engineStopped;
    }

    // ------------------------------------------------------------------ handlers, dead letters, outcomes

    private List<HandlerRegistration> handlers() {
        MessageHandler handler = this::handle;
        List<HandlerRegistration> handlers = new ArrayList<>();
        handlers.add(new HandlerRegistration.Plain(Scenario.TOPIC, List.of("A", "B"), handler, "codes A, B"));
        if (scenario.defaultHandler()) {
            handlers.add(new HandlerRegistration.Plain(Scenario.TOPIC, List.of(), handler, "default"));
        }
        return handlers;
    }

    private static Decoder text() {
        return (topic, headers, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    private static PayloadBinder noBinder() {
        return new PayloadBinder() {
            @Override
            public <T> T bind(Message message, Class<T> type) {
                throw new UnsupportedOperationException("no typed handlers in the simulation");
            }
        };
    }

    private void handle(Message message) throws Exception {
        SimRecord record = log.get(message.partition()).get((int) message.offset());
        Running attempt = startAttempt(record, "attempt");
        note("attempt " + record + " (" + record.nature + ")");
        Exception failure = null;
        try {
            failure = behave(record);
        } finally {
            running.remove(attempt);
        }
        boolean current = attempt.generation == generation[record.partition] && attempt.epoch == epoch[record.partition];
        record.lastFailedEpoch = failure == null ? record.lastFailedEpoch : attempt.epoch;
        if (failure == null) {
            record.done = true;
            note("handled " + record);
            return;
        }
        if (current) {
            if (failure instanceof NonRetryableException || failure.getCause() instanceof NonRetryableException
                    || failure instanceof DeclaredPermanent) {
                record.permanentFailure = true;
            } else {
                record.retryableFailures++;
            }
        }
        note("failed " + record);
        throw failure;
    }

    /** @return the failure to throw, or null for success */
    private Exception behave(SimRecord record) {
        if (calm) {
            return null;
        }
        switch (record.nature) {
            case POISON:
                return new IllegalStateException("poison " + record);
            case PERMANENT:
                int kind = random.nextInt(3);
                return kind == 0 ? new NonRetryableException("permanent " + record)
                        : kind == 1 ? new DeclaredPermanent(record.toString())
                        : new IllegalStateException("wrapped", new NonRetryableException("permanent " + record));
            case EVIL:
                return new EvilException();
            default:
                break;
        }
        int draw = random.nextInt(100);
        if (draw < 4 && canHang(record)) {
            hang();
            return null;
        }
        if (draw < 12 && depth < MAX_DEPTH) {
            nested(1 + random.nextInt(6));
            return random.nextInt(3) == 0 ? new IllegalStateException("slow and failed") : null;
        }
        return draw < 24 ? new IllegalStateException("transient") : null;
    }

    private boolean canHang(SimRecord record) {
        return record.partition == scenario.hangPartition() && hangs < 2 && !pollBusy && !phase1Done && depth < MAX_DEPTH;
    }

    private void nested(int count) {
        depth++;
        try {
            for (int i = 0; i < count && stepsLeft > 0 && violation == null; i++) {
                step();
            }
        } finally {
            depth--;
        }
    }

    private void hang() {
        hangs++;
        hangsActive++;
        depth++;
        note("hang begins");
        try {
            while (stepsLeft > 0 && violation == null) {
                step();
            }
            if (!phase1Done && violation == null && !pollBusy) {
                windDown(true);
                phase1Done = true;
            }
        } finally {
            depth--;
            hangsActive--;
            note("hang ends");
        }
    }

    private void publish(DeadLetter deadLetter) throws Exception {
        RawRecord original = deadLetter.original();
        SimRecord record = log.get(original.partition()).get((int) original.offset());
        boolean unrouted = "unrouted".equals(deadLetter.header(DeadLetter.EXCEPTION_CLASS));
        if (record.publishGeneration != generation[record.partition] || !unrouted && stale(record)) {
            record.publishGeneration = generation[record.partition];
            gaveUp(record, "dead-lettered", unrouted);
        }
        Running attempt = startAttempt(record, "publish");
        try {
            if (!calm) {
                int draw = random.nextInt(100);
                if (draw < 6 && depth < MAX_DEPTH) {
                    nested(1 + random.nextInt(4));
                } else if (draw < 20) {
                    note("publish of " + record + " failed");
                    throw new IllegalStateException("dead-letter topic unavailable");
                }
            }
            record.done = true;
            note("dead-lettered " + record);
        } finally {
            running.remove(attempt);
        }
    }

    private void observe(RecordOutcome outcome) {
        SimRecord record = recordAt(outcome.coordinates());
        if (outcome instanceof RecordOutcome.Skipped) {
            gaveUp(record, "skipped", false);
            record.done = true;
        } else if (outcome instanceof RecordOutcome.Stopped) {
            gaveUp(record, "stopped at", false);
            if (owned[record.partition] && !revoking[record.partition]) {
                stoppedAt[record.partition] = true;
            }
            note("stopped at " + record);
        } else if (outcome instanceof RecordOutcome.Unrouted && !scenario.deadLetterUnrouted()) {
            record.done = true;
        }
        if (scenario.throwingObserver() && faults.contains(Fault.THROWING_OBSERVER) && random.nextInt(8) == 0) {
            throw new IllegalStateException("the observer broke on " + outcome.coordinates());
        }
    }

    private SimRecord recordAt(String coordinates) {
        int at = coordinates.lastIndexOf('@');
        int dash = coordinates.lastIndexOf('-', at);
        int p = Integer.parseInt(coordinates.substring(dash + 1, at));
        long offset = Long.parseLong(coordinates.substring(at + 1));
        return log.get(p).get((int) offset);
    }

    // ------------------------------------------------------------------ helpers

    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (Violation v) {
            throw v;
        } catch (RuntimeException | Error e) {
            fail(Kind.WEDGED, "the engine threw from " + what + ": " + e + " at " + stackTop(e));
            return null;
        }
    }

    private List<PartitionId> subset(List<PartitionId> from) {
        List<PartitionId> chosen = new ArrayList<>();
        for (PartitionId partition : from) {
            if (random.nextBoolean()) {
                chosen.add(partition);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(from.get(random.nextInt(from.size())));
        }
        return chosen;
    }

    private String firstNotDone(int p) {
        for (SimRecord record : log.get(p)) {
            if (!record.done) {
                return record.toString();
            }
        }
        return "none";
    }

    private static PartitionId id(int p) {
        return new PartitionId(Scenario.TOPIC, p);
    }

    private void fail(Kind kind, String message) {
        if (violation == null) {
            violation = new Violation(kind, message);
            note("VIOLATION " + violation.getMessage());
        }
        throw violation;
    }

    private void note(String event) {
        String line = "t=" + time.nanoTime() / 1_000_000 + "ms step " + steps + " " + "  ".repeat(depth) + event;
        if (verbose) {
            System.out.println(line);
        }
        trace.addLast(line);
        if (trace.size() > TRACE) {
            trace.removeFirst();
        }
    }

    private static String stackTop(Throwable e) {
        StackTraceElement[] stack = e.getStackTrace();
        return stack.length == 0 ? "?" : stack[0].toString();
    }

    /** What a record does when its handler runs, outside the calm of the wind-down. */
    private enum Nature {
        NORMAL, POISON, PERMANENT, EVIL
    }

    /** One record of the simulated log and what the model knows of it. */
    private static final class SimRecord {
        final int partition;
        final long offset;
        final String key;
        final String code;
        final Nature nature;
        boolean done;
        int generation = -1;
        int retryableFailures;
        boolean permanentFailure;
        int publishGeneration = -1;
        int lastFailedEpoch = -1;

        SimRecord(int partition, long offset, String key, String code, Nature nature) {
            this.partition = partition;
            this.offset = offset;
            this.key = key;
            this.code = code;
            this.nature = nature;
        }

        void newGenerationIfNeeded(int current) {
            if (generation != current) {
                generation = current;
                retryableFailures = 0;
                permanentFailure = false;
            }
        }

        RawRecord raw() {
            return new RawRecord(Scenario.TOPIC, partition, offset, Instant.EPOCH,
                    key == null ? null : key.getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8),
                    List.of());
        }

        @Override
        public String toString() {
            return Scenario.TOPIC + "-" + partition + "@" + offset + "[" + key + "," + code + "]";
        }
    }

    private record Running(SimRecord record, String lane, int epoch, int generation) {
    }

    /** A type the policy declares non-retryable. */
    static final class DeclaredPermanent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeclaredPermanent(String message) {
            super(message);
        }
    }

    /** A handler's exception that cannot even say what it is. */
    static final class EvilException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() of a broken exception");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString() of a broken exception");
        }
    }
}
