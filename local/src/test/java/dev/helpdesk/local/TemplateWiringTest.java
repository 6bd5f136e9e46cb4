package dev.helpdesk.local;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.helpdesk.store.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

/** template.yaml and the code agree: every handler it names exists, and every handler is wired. */
class TemplateWiringTest {
    private static Template template;

    @BeforeAll
    static void load() throws IOException {
        template = Template.load(Path.of("../template.yaml"), Map.of("Stage", "local"));
    }

    @Test
    void everyFunctionNamesAHandlerClassThatExistsAndHandlesRequests() throws Exception {
        assertFalse(template.functions().isEmpty());
        for (Template.Function function : template.functions()) {
            Class<?> type = Class.forName(function.handler());
            assertTrue(RequestHandler.class.isAssignableFrom(type), function.handler() + " is not a RequestHandler");
            assertNotNull(type.getConstructor(), function.handler() + " needs a no-argument constructor");
        }
    }

    @Test
    void everyHandlerClassInTheFunctionModulesIsNamedByTheTemplate() throws Exception {
        Set<String> named = new HashSet<>();
        template.functions().forEach(f -> named.add(f.handler()));
        List<String> handlers = handlerClassesOnClassPath();
        assertFalse(handlers.isEmpty(), "no function handlers found on the class path");
        for (String handler : handlers) {
            assertTrue(named.contains(handler), handler + " is not wired in template.yaml");
        }
        assertTrue(handlers.containsAll(named), "the template names handlers that are not in a function module");
    }

    @Test
    void everyEventHasATypeTheLocalCloudServesAndEveryRuleHasARetryPolicyAndDeadLetterQueue() {
        for (Template.Function function : template.functions()) {
            for (Template.Event event : function.events()) {
                assertTrue(Set.of("HttpApi", "EventBridgeRule", "Schedule", "ScheduleV2", "S3", "DynamoDB").contains(event.type()),
                        function.logicalId() + "." + event.name() + " has type " + event.type());
                if (event.type().equals("EventBridgeRule")) {
                    assertTrue(event.properties().containsKey("RetryPolicy"), event.name() + " has no RetryPolicy");
                    assertTrue(event.properties().containsKey("DeadLetterConfig"), event.name() + " has no dead-letter queue");
                }
            }
        }
    }

    @Test
    @DisplayName("every EventBridge Scheduler target carries the Input its handler reads (Scheduler sends nothing else)")
    void schedulesCarryTheirInput() throws Exception {
        List<Template.Event> schedules = template.events("ScheduleV2");
        assertFalse(schedules.isEmpty());
        for (Template.Event schedule : schedules) {
            Object input = schedule.properties().get("Input");
            assertNotNull(input, schedule.functionId() + "." + schedule.name() + " has no Input");
            JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.valueOf(input));
            assertEquals("Scheduled Event", event.path("detail-type").asText(), schedule.name());
            assertTrue(event.path("detail").isObject(), schedule.name());
        }
    }

    @Test
    @DisplayName("issue 17: every function's timeout exceeds its budget with margin; functions behind the HTTP API fit its 30 s")
    void timeoutsExceedBudgets() {
        int global = ((Number) template.globalFunctionProperty("Timeout")).intValue();
        int budgeted = 0;
        for (Template.Function function : template.functions()) {
            Object own = template.properties(function.logicalId()).get("Timeout");
            int timeout = own == null ? global : ((Number) own).intValue();
            Map<String, Object> env = function.environment();
            if (env.containsKey("CLASSIFY_BUDGET_SECONDS")) {
                budgeted++;
                int budget = Integer.parseInt(String.valueOf(env.get("CLASSIFY_BUDGET_SECONDS")));
                // The budget holds the model calls; after it the result is stored and announced (a few writes).
                assertTrue(timeout >= budget + 10, function.logicalId() + ": timeout " + timeout + " s leaves under 10 s after a "
                        + budget + " s budget");
                long call = Long.parseLong(String.valueOf(env.getOrDefault("BEDROCK_TIMEOUT_MS", "10000")));
                assertTrue(call <= budget * 1000L, function.logicalId() + ": one model call may outlast the whole budget");
            }
            if (function.events().stream().anyMatch(e -> e.type().equals("HttpApi"))) {
                // API Gateway answers 503 at 30 s; a function still running after that works for no one.
                assertTrue(timeout <= 30, function.logicalId() + " serves HTTP with a " + timeout + " s timeout");
            }
        }
        assertEquals(1, budgeted, "the classify function carries its budget in its environment");
    }

    @Test
    @DisplayName("issue 16: the table's stream feeds the change feed in order, retried from the failed record, then a DLQ")
    void theTableStreamIsWiredToTheChangeFeed() {
        Map<String, Object> table = template.properties("HelpdeskTable");
        assertEquals("NEW_AND_OLD_IMAGES", Template.map(table.get("StreamSpecification")).get("StreamViewType"),
                "the feed compares old and new images to tell a new change from a later write that kept it");
        List<Template.Event> streams = template.events("DynamoDB");
        assertEquals(1, streams.size(), "one consumer of the table stream");
        Template.Event stream = streams.get(0);
        Template.Function function = template.function(stream.functionId()).orElseThrow();
        assertEquals("dev.helpdesk.changes.ChangeFeedHandler", function.handler());
        Map<String, Object> p = stream.properties();
        assertEquals(new Template.Intrinsic("GetAtt", "HelpdeskTable.StreamArn"), p.get("Stream"));
        assertEquals("TRIM_HORIZON", p.get("StartingPosition"));
        assertEquals(List.of("ReportBatchItemFailures"), p.get("FunctionResponseTypes"));
        assertEquals(Boolean.TRUE, p.get("BisectBatchOnFunctionError"));
        assertTrue(p.get("MaximumRetryAttempts") instanceof Integer, "retries are set, not left to the default");
        assertTrue(p.get("MaximumRecordAgeInSeconds") instanceof Integer age && age > 0 && age <= 86400,
                "retries end, at the latest, when the stream's 24 h retention would drop the record");
        Object destination = Template.map(Template.map(p.get("DestinationConfig")).get("OnFailure")).get("Destination");
        assertTrue(destination instanceof Template.Intrinsic d && d.function().equals("GetAtt"), "an on-failure destination");
        String queue = String.valueOf(((Template.Intrinsic) destination).argument()).replace(".Arn", "");
        assertEquals("AWS::SQS::Queue", template.resourceType(queue));
        boolean alarmed = template.resourcesOfType("AWS::CloudWatch::Alarm").stream()
                .anyMatch(alarm -> template.properties(alarm).toString().contains(queue + ".QueueName"));
        assertTrue(alarmed, "the change feed's DLQ has an alarm");
        // Least privilege: no table-wide CRUD, only the writes the feed makes.
        String policies = String.valueOf(template.properties(stream.functionId()).get("Policies"));
        assertFalse(policies.contains("DynamoDBCrudPolicy"), policies);
        assertFalse(policies.contains("dynamodb:*"), policies);
        assertTrue(policies.contains("dynamodb:BatchWriteItem") && policies.contains("EventBridgePutEventsPolicy"), policies);
        assertTrue(policies.contains("SQSSendMessagePolicy"), policies);
    }

    @Test
    @DisplayName("every HTTP route in the template reaches a handler that serves it (never 'no route')")
    void everyRouteIsServedByItsFunction() throws Exception {
        for (Template.Event event : template.events("HttpApi")) {
            String routeKey = event.properties().get("Method") + " " + event.properties().get("Path");
            String handler = template.function(event.functionId()).orElseThrow().handler();
            // Each function runs with its environment from the shared local cloud, as the cloud runs it.
            LocalLambda lambda = new LocalLambda(event.functionId(), handler, SharedCloud.get().functionEnvironment(event.functionId()));
            // No token, no signature, no body: a served route refuses with a 4xx of its own (401, 403, 400), never a
            // 500; a route the function does not serve answers 404 "no route".
            String response = lambda.invoke(Exchanges.JSON.writeValueAsString(Map.of(
                    "version", "2.0", "routeKey", routeKey, "rawPath", "/", "headers", Map.of(),
                    "pathParameters", Map.of("ticketId", "t", "customerId", "c"),
                    "requestContext", Map.of("routeKey", routeKey, "http", Map.of("method", "GET", "path", "/")),
                    "isBase64Encoded", false)));
            Map<?, ?> json = Exchanges.JSON.readValue(response, Map.class);
            int status = (Integer) json.get("statusCode");
            assertTrue(status >= 400 && status < 500 && status != 404, routeKey + " answered " + response);
        }
    }

    @Test
    @DisplayName("the table in template.yaml has exactly the keys, indexes and projections the store code uses")
    void templateTableMatchesTheStoreSchema() {
        Map<String, Object> props = template.properties("HelpdeskTable");
        CreateTableRequest expected = TableSchema.createTableRequest("x");
        Set<String> templateAttributes = new HashSet<>();
        for (Object a : (List<?>) props.get("AttributeDefinitions")) {
            templateAttributes.add(Template.map(a).get("AttributeName") + ":" + Template.map(a).get("AttributeType"));
        }
        Set<String> expectedAttributes = new HashSet<>();
        expected.attributeDefinitions().forEach(a -> expectedAttributes.add(a.attributeName() + ":" + a.attributeTypeAsString()));
        assertEquals(expectedAttributes, templateAttributes);
        Set<String> templateIndexes = new HashSet<>();
        for (Object g : (List<?>) props.get("GlobalSecondaryIndexes")) {
            Map<String, Object> m = Template.map(g);
            List<String> keys = new ArrayList<>();
            for (Object k : (List<?>) m.get("KeySchema")) {
                keys.add(Template.map(k).get("AttributeName") + ":" + Template.map(k).get("KeyType"));
            }
            Map<String, Object> projection = Template.map(m.get("Projection"));
            templateIndexes.add(m.get("IndexName") + "=" + keys + " " + projection.get("ProjectionType")
                    + projection.getOrDefault("NonKeyAttributes", List.of()));
        }
        Set<String> expectedIndexes = new HashSet<>();
        for (GlobalSecondaryIndex index : expected.globalSecondaryIndexes()) {
            List<String> keys = index.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
            expectedIndexes.add(index.indexName() + "=" + keys + " " + index.projection().projectionTypeAsString()
                    + (index.projection().hasNonKeyAttributes() ? index.projection().nonKeyAttributes() : List.of()));
        }
        assertEquals(expectedIndexes, templateIndexes);
        assertEquals("PAY_PER_REQUEST", props.get("BillingMode"));
        assertEquals("expiresAt", Template.map(props.get("TimeToLiveSpecification")).get("AttributeName"));
    }

    /** Classes in the helpdesk function jars (or class directories) that implement RequestHandler. */
    private static List<String> handlerClassesOnClassPath() throws Exception {
        List<String> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            boolean functionModule = path.toString().matches(".*helpdesk-(ingest|classify|routing|history|[a-z-]+)-[^/]*\\.jar")
                    || path.toString().matches(".*/functions/[a-z-]+/target/classes");
            if (!functionModule || path.toString().contains("helpdesk-shared") || path.toString().contains("helpdesk-local")) {
                continue;
            }
            for (String className : classNames(path)) {
                Class<?> type = Class.forName(className, false, TemplateWiringTest.class.getClassLoader());
                if (RequestHandler.class.isAssignableFrom(type) && !type.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    found.add(className);
                }
            }
        }
        return found;
    }

    private static List<String> classNames(Path path) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
                        .forEach(p -> names.add(path.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "")));
            }
        } else if (Files.isRegularFile(path)) {
            try (JarFile jar = new JarFile(path.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.contains("$") && n.startsWith("dev/helpdesk/"))
                        .forEach(n -> names.add(n.replace('/', '.').replaceAll("\\.class$", "")));
            }
        }
        return names;
    }
}
