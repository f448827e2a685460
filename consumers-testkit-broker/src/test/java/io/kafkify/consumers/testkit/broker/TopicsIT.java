package io.kafkify.consumers.testkit.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class TopicsIT {

    /** Each Kafka admin client registers an app-info MBean while it is open. */
    private static int openAdminClients() throws Exception {
        return ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("kafka.admin.client:type=app-info,*"), null).size();
    }

    @Test
    void creating_topics_opens_one_admin_client_for_the_broker_not_one_per_topic() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        broker.createTopic("topics-it-first", 1);
        int open = openAdminClients();

        for (int i = 0; i < 5; i++) {
            broker.createTopic("topics-it-" + i, 2);
        }

        assertThat(openAdminClients()).isEqualTo(open);
        assertThat(open).isPositive();
    }
}
