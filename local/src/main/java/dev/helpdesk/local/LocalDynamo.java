package dev.helpdesk.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * AWS's DynamoDB Local, in memory or in a data directory, with telemetry off; and the template's tables
 * created in it exactly as declared (keys, attribute definitions, indexes).
 */
final class LocalDynamo {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamo(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static LocalDynamo start(int port, Path dataDir) throws Exception {
        List<String> args = new ArrayList<>(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        return new LocalDynamo(server, URI.create("http://127.0.0.1:" + port));
    }

    URI endpoint() {
        return endpoint;
    }

    /** Creates every AWS::DynamoDB::Table of the template that does not exist yet; returns their names. */
    static List<String> createTables(Template template, DynamoDbClient dynamo) {
        List<String> names = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::DynamoDB::Table")) {
            Map<String, Object> props = template.properties(id);
            String name = template.resolve(props.getOrDefault("TableName", id));
            List<AttributeDefinition> attributes = new ArrayList<>();
            for (Object a : (List<?>) props.get("AttributeDefinitions")) {
                Map<String, Object> m = Template.map(a);
                attributes.add(AttributeDefinition.builder().attributeName((String) m.get("AttributeName"))
                        .attributeType((String) m.get("AttributeType")).build());
            }
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (Object g : (List<?>) props.getOrDefault("GlobalSecondaryIndexes", List.of())) {
                Map<String, Object> m = Template.map(g);
                indexes.add(GlobalSecondaryIndex.builder().indexName((String) m.get("IndexName"))
                        .keySchema(keySchema(m.get("KeySchema")))
                        .projection(p -> {
                            Map<String, Object> projection = Template.map(m.get("Projection"));
                            p.projectionType(ProjectionType.fromValue(String.valueOf(projection.getOrDefault("ProjectionType", "ALL"))));
                            if (projection.get("NonKeyAttributes") instanceof List<?> nonKey) {
                                p.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
                            }
                        })
                        .build());
            }
            Object viewType = Template.map(props.get("StreamSpecification")).get("StreamViewType");
            StreamSpecification stream = viewType == null ? null
                    : StreamSpecification.builder().streamEnabled(true).streamViewType(String.valueOf(viewType)).build();
            try {
                dynamo.createTable(b -> {
                    b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(attributes)
                            .keySchema(keySchema(props.get("KeySchema")));
                    if (!indexes.isEmpty()) {
                        b.globalSecondaryIndexes(indexes);
                    }
                    if (stream != null) {
                        b.streamSpecification(stream);
                    }
                });
            } catch (ResourceInUseException exists) {
                // Kept from an earlier run in the --data directory (made before it had a stream, perhaps).
                if (stream != null && dynamo.describeTable(b -> b.tableName(name)).table().latestStreamArn() == null) {
                    dynamo.updateTable(b -> b.tableName(name).streamSpecification(stream));
                }
            }
            names.add(name);
        }
        return names;
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : (List<?>) value) {
            Map<String, Object> m = Template.map(k);
            keys.add(KeySchemaElement.builder().attributeName((String) m.get("AttributeName"))
                    .keyType((String) m.get("KeyType")).build());
        }
        return keys;
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("[local-dynamodb] stop failed: " + e.getMessage());
        }
    }
}
