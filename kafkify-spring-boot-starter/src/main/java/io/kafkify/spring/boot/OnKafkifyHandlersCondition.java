package io.kafkify.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the application has at least one handler: a {@code ConsumerRouter} bean or a bean with {@code @Handles} methods. */
final class OnKafkifyHandlersCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (beans == null) {
            return ConditionOutcome.noMatch("no bean factory");
        }
        List<String> handlers = new ArrayList<>(HandlerBeans.routers(beans));
        handlers.addAll(HandlerBeans.annotated(beans));
        return handlers.isEmpty()
                ? ConditionOutcome.noMatch("no ConsumerRouter bean and no bean with @Handles methods")
                : ConditionOutcome.match("Kafkify handler beans " + handlers);
    }
}
