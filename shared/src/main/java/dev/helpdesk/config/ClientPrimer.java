package dev.helpdesk.config;

import dev.helpdesk.store.TableDesign;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The first call of each SDK client a function has built, made so that it changes nothing: a GetItem of a key no
 * item has (half a read unit) and a PutEvents with no entries (rejected, so nothing is published or billed). It loads
 * the request pipeline (marshalling, signing, the HTTP client, unmarshalling, errors included) and opens the
 * connection. Clients the function never built are left alone; Bedrock is not primed (a call would be billed).
 */
final class ClientPrimer {
    private ClientPrimer() {
    }

    static void prime(BeanContext context) {
        List<DynamoDbClient> dynamo = active(context, DynamoDbClient.class);
        if (!dynamo.isEmpty()) {
            String table = context.getBean(Settings.class).table();
            for (DynamoDbClient client : dynamo) {
                client.getItem(b -> b.tableName(table)
                        .key(Map.of(TableDesign.PK, AttributeValue.fromS("PRIMING"), TableDesign.SK, AttributeValue.fromS("PRIMING"))));
            }
        }
        for (EventBridgeClient client : active(context, EventBridgeClient.class)) {
            try {
                client.putEvents(b -> b.entries(List.of()));
            } catch (SdkException expected) {
                // EventBridge answers an empty PutEvents with a validation error: the round trip is what primes.
            }
        }
    }

    private static <T> List<T> active(BeanContext context, Class<T> type) {
        return context.getActiveBeanRegistrations(type).stream().map(BeanRegistration::getBean).toList();
    }
}
