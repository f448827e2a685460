package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.Listening;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.infrastructure.KafkaShareConsumerAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kafkify's {@link KafkaShareConsumerAdapter}: several members of one share group in this JVM,
 * each with its own client and handler threads, working the same partitions together.
 */
final class ShareGroupArm implements Arm {

    /** The broker's default {@code share.delivery.count.limit}, set so that no member asks the broker. */
    private static final int DELIVERY_LIMIT = 5;

    private final int members;
    private final int concurrencyPerMember;

    /**
     * @param members share-group members
     * @param concurrencyPerMember each member's maxConcurrency
     */
    ShareGroupArm(int members, int concurrencyPerMember) {
        this.members = members;
        this.concurrencyPerMember = concurrencyPerMember;
    }

    /** @return the handlers that run at most at once, all members together */
    int concurrency() {
        return members * concurrencyPerMember;
    }

    @Override
    public String name() {
        return "kafkify-share@" + members + "x" + concurrencyPerMember;
    }

    @Override
    public String description() {
        return members + " KafkaShareConsumerAdapter members of one share group, ordering UNORDERED, maxConcurrency "
                + concurrencyPerMember + " each, one handler per code, records acknowledged one by one";
    }

    @Override
    public boolean shareGroup() {
        return true;
    }

    @Override
    public void consume(RunSpec run) throws InterruptedException {
        String bootstrap = String.valueOf(run.consumerProperties().get("bootstrap.servers"));
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers(bootstrap)
                .groupId(run.groupId())
                .ordering(Ordering.UNORDERED)
                .maxConcurrency(concurrencyPerMember)
                .build();
        Set<Long> handled = ConcurrentHashMap.newKeySet();
        LongAdder again = new LongAdder();
        List<Listening> listening = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) {
                KafkaShareConsumerAdapter adapter = KafkaShareConsumerAdapter.builder(config)
                        .deliveryLimit(DELIVERY_LIMIT).build();
                Runnable handler = run.handler();
                for (String code : Workload.CODES) {
                    adapter.get(run.topic(), List.of(code), message -> {
                        // A share group delivers at least once: only a record's first delivery counts,
                        // so that the run ends when every record was handled, not after N deliveries.
                        if (handled.add(message.offset())) {
                            handler.run();
                        } else {
                            again.increment();
                        }
                    });
                }
                listening.add(adapter.listenInBackground());
            }
            while (!run.finished()) {
                run.progress().await(50);
            }
        } finally {
            stopAll(listening);
            if (again.sum() > 0) {
                System.out.println("    " + name() + ": " + again.sum() + " records delivered again after a first delivery");
            }
        }
    }

    /** Stops every member, each draining and acknowledging what it holds; rethrows the first failure. */
    private static void stopAll(List<Listening> listening) {
        RuntimeException failure = null;
        for (Listening member : listening) {
            try {
                member.stop();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
