package io.kafkify.consumers.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small factories of test payloads, so that tests do not copy JSON around. */
final class Records {

    static final String PEOPLE = "people-events";
    static final String PURCHASES = "purchase-events";

    private Records() {
    }

    static Map<String, Object> personCreated(int id) {
        return person("PERSON_CREATED", id);
    }

    static Map<String, Object> personUpdated(int id) {
        return person("PERSON_UPDATED", id);
    }

    static Map<String, Object> person(String code, int id) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("code", code);
        value.put("id", id);
        value.put("name", "Person " + id);
        value.put("email", "person" + id + "@example.org");
        return value;
    }

    static Map<String, Object> purchase(int id) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("purchaseId", id);
        value.put("amount", 10 * id);
        return value;
    }
}
