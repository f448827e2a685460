package com.example.bomconsumer;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.router.ConsumerRouter;
import java.util.List;

/** What a user writes first: a router, with versions of Kafkify's modules taken from the BOM. */
public final class PeopleRoutes {

    private PeopleRoutes() {
    }

    public static ConsumerRouter router() {
        ConsumerRouter people = new ConsumerRouter();
        people.get("people-events", List.of("PERSON_CREATED"), PeopleRoutes::save);
        return people;
    }

    private static void save(Message message) {
        System.out.println(message.value());
    }
}
