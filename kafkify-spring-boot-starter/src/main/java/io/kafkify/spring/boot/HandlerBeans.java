package io.kafkify.spring.boot;

import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.HandlerRegistry;
import io.kafkify.consumers.router.ConsumerRouter;
import io.kafkify.consumers.router.Handles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds the application's handlers: {@link ConsumerRouter} beans, and beans whose class has
 * {@link Handles} methods. The bean's type must be known from its definition (its class, or the
 * return type of its {@code @Bean} method), since the starter decides whether to create a consumer
 * before any bean exists.
 */
final class HandlerBeans {

    private HandlerBeans() {
    }

    /** @return the names of the {@link ConsumerRouter} beans, in definition order */
    static List<String> routers(ConfigurableListableBeanFactory beans) {
        return Arrays.asList(beans.getBeanNamesForType(ConsumerRouter.class, true, false));
    }

    /** @return the names of the beans with {@link Handles} methods, in definition order */
    static List<String> annotated(ConfigurableListableBeanFactory beans) {
        List<String> names = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type != null && hasHandlesMethods(ClassUtils.getUserClass(type))) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Registers every handler on a consumer. A registration that two router beans share (one router
     * includes the other) is registered once; any other clash fails, naming both handlers.
     *
     * @param beans the application's beans
     * @param consumer the consumer to register on
     * @return how many handlers were registered
     */
    static int registerAll(ConfigurableListableBeanFactory beans, HandlerRegistry consumer) {
        Set<HandlerRegistration> registered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String name : routers(beans)) {
            for (HandlerRegistration registration : beans.getBean(name, ConsumerRouter.class).registrations()) {
                if (registered.add(registration)) {
                    consumer.register(registration);
                }
            }
        }
        for (String name : annotated(beans)) {
            for (HandlerRegistration registration : ConsumerRouter.ofHandlers(beans.getBean(name)).registrations()) {
                registered.add(registration);
                consumer.register(registration);
            }
        }
        return registered.size();
    }

    private static boolean hasHandlesMethods(Class<?> type) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Method method : current.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Handles.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
