package io.kafkify.consumers.domain.archfixture;

import io.kafkify.consumers.router.archfixture.OrderRouting;

/** Architecture fixture, violation: the domain depending on the router, one module up. */
public final class OrderEventRoutedByRouter {

    public void routeWith(OrderRouting routing) {
        routing.route(new OrderEvent("42", "ORDER_PLACED"));
    }
}
