package dev.helpdesk.config;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.store.TicketStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanDefinitionReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The Micronaut context every function's handler starts: lazy beans, and only the definitions a function can use. */
class FunctionContextBuilderTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("HELPDESK_TABLE", "helpdesk-test", "HELPDESK_BUS", "helpdesk-test",
            "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s");

    private static List<String> built(ApplicationContext context) {
        return context.getActiveBeanRegistrations(Object.class).stream()
                .map(r -> r.getBeanDefinition().getBeanType().getName()).toList();
    }

    @Test
    @DisplayName("nothing of ours is built until asked for, and asking builds what that bean needs and no more")
    void lazy() throws Exception {
        FunctionEnvironment.with(ENVIRONMENT, () -> {
            try (ApplicationContext context = new FunctionContextBuilder().build().start()) {
                assertTrue(built(context).stream().noneMatch(type -> type.startsWith("dev.helpdesk.") || type.startsWith("software.amazon.")),
                        "built at start: " + built(context));

                context.getBean(TicketStore.class);

                List<String> built = built(context);
                assertTrue(built.contains(TicketStore.class.getName()), built.toString());
                assertTrue(built.contains(DynamoDbClient.class.getName()), built.toString());
                // micronaut-function-aws's own builder would have built every singleton, these clients included.
                assertFalse(built.contains(BedrockRuntimeClient.class.getName()), built.toString());
                assertFalse(built.contains(EventBridgeClient.class.getName()), built.toString());
            }
            return null;
        });
    }

    @Test
    @DisplayName("the context loads our bean definitions and Micronaut's injection core, not the HTTP, scheduling or JSON modules on the class path")
    void onlyUsedDefinitions() throws Exception {
        List<String> onClassPath = List.copyOf(MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(
                getClass().getClassLoader(), BeanDefinitionReference.class.getName()));
        assertTrue(onClassPath.stream().anyMatch(name -> name.startsWith("io.micronaut.http.")),
                "micronaut-http's definitions are on the class path, so the filter has something to leave out");

        FunctionEnvironment.with(ENVIRONMENT, () -> {
            try (ApplicationContext context = new FunctionContextBuilder().build().start()) {
                List<String> loaded = context.getAllBeanDefinitions().stream().map(d -> d.getClass().getName()).toList();
                assertTrue(loaded.stream().anyMatch(name -> name.startsWith("dev.helpdesk.config.$HelpdeskFactory")), loaded.toString());
                assertTrue(loaded.stream().noneMatch(name -> name.startsWith("io.micronaut.http.")
                        || name.startsWith("io.micronaut.scheduling.") || name.startsWith("io.micronaut.jackson.")), loaded.toString());
                assertTrue(context.findBean(DynamoDbClient.class).isPresent());
            }
            return null;
        });
    }
}
