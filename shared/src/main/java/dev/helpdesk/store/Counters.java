package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Atomic counters. Ticket numbers come from one: each ADD is atomic in DynamoDB, so numbers are unique and
 * increasing; a number whose ticket write then fails is skipped, never reused.
 */
public final class Counters {
    public static final String TICKET_NUMBER = "ticket-number";

    private final DynamoDbClient dynamo;
    private final String table;

    public Counters(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public long next(String name) {
        var response = dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(counterPk(name)), SK, AttributeValue.fromS("COUNTER")))
                .updateExpression("ADD #v :one")
                .expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("value").n());
    }
}
