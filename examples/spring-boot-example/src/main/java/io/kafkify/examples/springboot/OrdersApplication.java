package io.kafkify.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The orders service: run it with {@code KAFKIFY_BOOTSTRAP_SERVERS} set to consume from a Kafka, or
 * without to get an embedded broker with sample orders ({@link LocalBroker}).
 */
// tag::application[]
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OrdersApplication.class);
        application.addInitializers(new LocalBroker());  // only when no bootstrap servers are configured
        application.run(args);                           // the consumer starts once the context is refreshed
    }
}
// end::application[]
