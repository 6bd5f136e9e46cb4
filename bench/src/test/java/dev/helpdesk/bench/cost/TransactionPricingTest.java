package dev.helpdesk.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.helpdesk.store.TableDesign;
import dev.helpdesk.store.TableSchema;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The meter prices TransactWriteItems as AWS documents (DynamoDB Local does not), and keeps Local's figure for
 * single-item writes: against DynamoDB Local over HTTP, with a client like the functions' (the meter is loaded
 * into every SDK client of the JVM).
 */
class TransactionPricingTest {
    private static final String TABLE = "pricing-test";
    private static DynamoDBProxyServer server;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.EU_NORTH_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamo.createTable(TableSchema.createTableRequest(TABLE));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        Meter.active(true);
        Meter.reset();
    }

    @org.junit.jupiter.api.AfterEach
    void off() {
        Meter.active(false);
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String... more) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, AttributeValue.fromS(pk));
        item.put(TableDesign.SK, AttributeValue.fromS(sk));
        for (int i = 0; i < more.length; i += 2) {
            item.put(more[i], AttributeValue.fromS(more[i + 1]));
        }
        return item;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return item(pk, sk);
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item)).build();
    }

    /** Sets GSI1's partition key of a ticket to {@code value} (moves its GSI1 entry). */
    private static TransactWriteItem moveGsi1(String pk, String value) {
        return TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key(pk, "TICKET"))
                .updateExpression("SET #k = :v").expressionAttributeNames(Map.of("#k", TableDesign.pk(TableDesign.GSI1)))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))).build();
    }

    private static void seedTicket(String pk) {
        dynamo.putItem(b -> b.tableName(TABLE).item(item(pk, "TICKET",
                TableDesign.pk(TableDesign.GSI1), "CUSTOMER#c1", TableDesign.sk(TableDesign.GSI1), "2026-01-01#" + pk)));
        Meter.reset();
    }

    private static Meter.Totals outside() {
        return Meter.snapshot().get(Meter.OUTSIDE);
    }

    @Test
    void aTransactionOfOneSmallPutCostsTwo() {
        dynamo.transactWriteItems(b -> b.transactItems(put(item("INBOUND#chat#1", "INBOUND", "at", "now"))));
        Meter.Totals t = outside();
        assertEquals(2.0, t.writeUnits());
        assertEquals(0.0, t.indexWriteUnits());
        assertEquals(2.0, t.transactWriteUnits());
        assertEquals(1, t.dynamoCalls(), "the meter's own reads are not counted");
        assertEquals(0.0, t.readUnits(), "nor metered as reads");
        assertTrue(t.localTransactWriteUnits() > 0, "Local's own figure is kept");
        assertEquals(Map.of("null Transact[Put INBOUND]", 2.0), Meter.writesByShape());
    }

    @Test
    void anUpdateMovingOneKeysOnlyEntryPlusASmallPutCostsSix() {
        seedTicket("TICKET#t2");
        dynamo.transactWriteItems(b -> b.transactItems(moveGsi1("TICKET#t2", "CUSTOMER#c2"),
                put(item("TICKET#t2", "MSG#2026#m1", "text", "hello"))));
        Meter.Totals t = outside();
        assertEquals(2 + 2 + 2.0, t.writeUnits(), "2 per item, 2 for the moved index entry (a delete and a put)");
        assertEquals(2.0, t.indexWriteUnits());
        assertEquals(Map.of("null Transact[Update TICKET, Put TICKET/MSG]", 6.0), Meter.writesByShape());
    }

    @Test
    void theSameUpdateAsAPlainUpdateItemKeepsLocalsFigure() {
        seedTicket("TICKET#t3");
        dynamo.updateItem(b -> b.tableName(TABLE).key(key("TICKET#t3", "TICKET")).updateExpression("SET #k = :v")
                .expressionAttributeNames(Map.of("#k", TableDesign.pk(TableDesign.GSI1)))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("CUSTOMER#c2"))));
        Meter.Totals t = outside();
        assertEquals(1 + 2.0, t.writeUnits());
        assertEquals(2.0, t.indexWriteUnits());
        assertEquals(0.0, t.transactWriteUnits());
        assertEquals(0.0, t.localTransactWriteUnits());
    }

    @Test
    void deletesChecksAndLargeItems() {
        seedTicket("TICKET#t4");
        dynamo.putItem(b -> b.tableName(TABLE).item(item("CUSTOMER#c4", "PROFILE")));
        Meter.reset();
        String big = "x".repeat(1500);
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(TABLE).key(key("TICKET#t4", "TICKET"))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(TABLE).key(key("CUSTOMER#c4", "PROFILE"))
                        .conditionExpression("attribute_exists(PK)")).build(),
                put(item("TICKET#t4", "NOTE#1", "text", big))));
        Meter.Totals t = outside();
        assertEquals(2 + 1 + 2 * 2.0, t.writeUnits(), "delete 2 + its index entry 1; a 1.5 KB put 2 KB × 2");
        assertEquals(1.0, t.indexWriteUnits());
        assertEquals(2.0, t.readUnits(), "a condition check is a transactional read");
    }

    @Test
    void indexWritesFollowTheProjection() {
        String pk4 = TableDesign.pk(TableDesign.GSI4);
        String sk4 = TableDesign.sk(TableDesign.GSI4);
        Map<String, AttributeValue> agent = item("AGENT#a", "AGENT", pk4, "AGENTS", sk4, "a", "name", "Ann", "lastSeen", "1");
        Map<String, AttributeValue> renamed = new HashMap<>(agent);
        renamed.put("name", AttributeValue.fromS("Anna"));
        Map<String, AttributeValue> seen = new HashMap<>(agent);
        seen.put("lastSeen", AttributeValue.fromS("2"));
        assertEquals(1, Meter.indexWrites(TableDesign.GSI4, agent, renamed), "a projected attribute changed");
        assertEquals(0, Meter.indexWrites(TableDesign.GSI4, agent, seen), "one it does not project");
        assertEquals(1, Meter.indexWrites(TableDesign.GSI4, null, agent));
        assertEquals(1, Meter.indexWrites(TableDesign.GSI4, agent, null));
        assertEquals(0, Meter.indexWrites(TableDesign.GSI1, agent, null), "not in GSI1 at all");
        String pk5 = TableDesign.pk(TableDesign.GSI5);
        String sk5 = TableDesign.sk(TableDesign.GSI5);
        Map<String, AttributeValue> timer = item("TICKET#t", "TIMER#sla", pk5, "DUE", sk5, "d", "tries", "0");
        Map<String, AttributeValue> tried = new HashMap<>(timer);
        tried.put("tries", AttributeValue.fromS("1"));
        assertEquals(1, Meter.indexWrites(TableDesign.GSI5, timer, tried), "ALL projects every attribute");
        assertEquals(0, Meter.indexWrites(TableDesign.GSI5, timer, timer));
    }
}
