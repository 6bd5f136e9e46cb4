package dev.helpdesk.bench.coldstart.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The cold-start baseline: what a webhook function costs without Micronaut. Plain Java, the SDK clients built
 * once per container (in the constructor, as Lambda's init phase), the URL-connection HTTP client, and per
 * request the same kind of work ingest does: verify the body's HMAC signature, read an item, write two items in
 * one conditional transaction, publish one event, answer 200.
 *
 * <p>Configured as the functions are: {@code HELPDESK_TABLE}, {@code HELPDESK_BUS}, {@code CHAT_WEBHOOK_SECRET},
 * and the SDK's own {@code AWS_ENDPOINT_URL_*}, region and credential variables.
 */
public class PlainJavaHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final String DETAIL_TYPE = "Bench Baseline Stored";

    private final DynamoDbClient dynamo;
    private final EventBridgeClient events;
    private final String table;
    private final String bus;
    private final byte[] secret;

    public PlainJavaHandler() {
        table = require("HELPDESK_TABLE");
        bus = require("HELPDESK_BUS");
        secret = require("CHAT_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8);
        DynamoDbClientBuilder dynamoBuilder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint("AWS_ENDPOINT_URL_DYNAMODB").ifPresent(dynamoBuilder::endpointOverride);
        dynamo = dynamoBuilder.build();
        EventBridgeClientBuilder eventsBuilder = EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint("AWS_ENDPOINT_URL_EVENTBRIDGE").ifPresent(eventsBuilder::endpointOverride);
        events = eventsBuilder.build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        String body = request.getBody() == null ? "" : request.getBody();
        Map<String, String> headers = request.getHeaders() == null ? Map.of() : request.getHeaders();
        if (!signatureMatches(headers.get("x-helpdesk-signature"), body.getBytes(StandardCharsets.UTF_8))) {
            return response(401, "{\"error\":\"unauthorized\",\"message\":\"bad signature\"}");
        }
        String conversation = field(body, "conversationId");
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();

        GetItemResponse existing = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", s("BENCH#" + conversation), "SK", s("CONVERSATION"))));
        boolean duplicate = existing.hasItem() && !existing.item().isEmpty();
        if (!duplicate) {
            dynamo.transactWriteItems(t -> t.transactItems(
                    item -> item.put(p -> p.tableName(table)
                            .item(Map.of("PK", s("BENCH#" + conversation), "SK", s("CONVERSATION"), "messageId", s(id), "at", s(now)))
                            .conditionExpression("attribute_not_exists(PK)")),
                    item -> item.put(p -> p.tableName(table)
                            .item(Map.of("PK", s("BENCH#" + conversation), "SK", s("MSG#" + now + "#" + id), "text", s(body)))
                            .conditionExpression("attribute_not_exists(PK)"))));
            PutEventsResponse published = events.putEvents(e -> e.entries(entry -> entry.eventBusName(bus).source("helpdesk")
                    .detailType(DETAIL_TYPE)
                    .detail("{\"version\":\"1\",\"messageId\":\"" + id + "\",\"conversationId\":\"" + conversation + "\"}")));
            if (published.failedEntryCount() != null && published.failedEntryCount() > 0) {
                return response(500, "{\"error\":\"internal_error\",\"message\":\"event not published\"}");
            }
        }
        return response(200, "{\"messageId\":\"" + id + "\",\"duplicate\":" + duplicate + "}");
    }

    private boolean signatureMatches(String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(header.substring("sha256=".length())));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The string value of a top-level field of a flat JSON object (enough for the benchmark's own payload). */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key);
        if (start < 0) {
            return "none";
        }
        start += key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? "none" : json.substring(start, end);
    }

    private static APIGatewayV2HTTPResponse response(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(body).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing configuration " + name);
        }
        return value;
    }

    private static java.util.Optional<URI> endpoint(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(URI.create(value));
    }
}
