package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table's keys and indexes as a CreateTable request, for tests. template.yaml declares the same table for
 * AWS; a test in the local module checks that the two agree.
 */
public final class TableSchema {
    private TableSchema() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        attributes.add(string(PK));
        attributes.add(string(SK));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        java.util.Set<String> defined = new java.util.LinkedHashSet<>();
        for (String index : INDEXES) {
            if (defined.add(pk(index))) {
                attributes.add(string(pk(index)));
            }
            if (defined.add(sk(index))) {
                attributes.add(string(sk(index)));
            }
            indexes.add(GlobalSecondaryIndex.builder().indexName(index)
                    .keySchema(hash(pk(index)), range(sk(index)))
                    .projection(p -> {
                        p.projectionType(ProjectionType.fromValue(projection(index).name()));
                        if (!projectedAttributes(index).isEmpty()) {
                            p.nonKeyAttributes(projectedAttributes(index));
                        }
                    }).build());
        }
        return CreateTableRequest.builder().tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes).keySchema(hash(PK), range(SK))
                .globalSecondaryIndexes(indexes).build();
    }

    /** Creates the table unless it exists. */
    public static void ensureTable(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(createTableRequest(tableName));
        } catch (ResourceInUseException exists) {
            // Already there (a --data directory from an earlier run).
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
