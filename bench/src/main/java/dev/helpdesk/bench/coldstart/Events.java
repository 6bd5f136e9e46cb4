package dev.helpdesk.bench.coldstart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.local.DynamoJson;
import dev.helpdesk.store.TableDesign;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The events Lambda hands the functions, in the shapes API Gateway, EventBridge, the Scheduler and DynamoDB Streams send. */
final class Events {
    static final String ACCOUNT = "000000000000";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Events() {
    }

    /**
     * An API Gateway HTTP API payload v2 event. {@code claims} (may be null) are the JWT authorizer's verified
     * claims, as API Gateway passes them in {@code requestContext.authorizer.jwt.claims}.
     */
    static String http(String method, String routePath, String rawPath, Map<String, String> pathParameters,
                       Map<String, String> headers, String body, Map<String, String> claims) {
        Instant now = Instant.now();
        String routeKey = method + " " + routePath;
        ObjectNode event = OfflineCloud.JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", "");
        ObjectNode h = event.putObject("headers");
        h.put("host", "abc123.execute-api.us-east-1.amazonaws.com");
        h.put("user-agent", "helpdesk-bench");
        h.put("x-forwarded-proto", "https");
        headers.forEach((name, value) -> h.put(name.toLowerCase(Locale.ROOT), value));
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT);
        context.put("apiId", "abc123");
        context.put("domainName", "abc123.execute-api.us-east-1.amazonaws.com");
        context.put("domainPrefix", "abc123");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.10");
        http.put("userAgent", "helpdesk-bench");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode c = jwt.putObject("claims");
            claims.forEach(c::put);
            jwt.putArray("scopes");
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    /** The claims the HTTP API's JWT authorizer passes for an agent (string values, as API Gateway does). */
    static Map<String, String> agentClaims(String sub, String role) {
        long now = Instant.now().getEpochSecond();
        return Map.of("sub", sub, "role", role, "iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench",
                "aud", "helpdesk-bench", "iat", Long.toString(now), "exp", Long.toString(now + 3600));
    }

    /** An EventBridge envelope from the helpdesk bus, as a rule target receives it. */
    static String bus(String detailType, ObjectNode detail) {
        ObjectNode envelope = OfflineCloud.JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", detailType);
        envelope.put("source", "helpdesk");
        envelope.put("account", ACCOUNT);
        envelope.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", "us-east-1");
        envelope.putArray("resources");
        envelope.set("detail", detail);
        return envelope.toString();
    }

    /** A helpdesk event detail: the versioned envelope's common fields for one ticket. */
    static ObjectNode detail(String ticketId) {
        ObjectNode detail = OfflineCloud.JSON.createObjectNode();
        detail.put("version", "1");
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("occurredAt", Instant.now().toString());
        detail.put("ticketId", ticketId);
        return detail;
    }

    /**
     * A DynamoDB Streams event as Lambda hands it to the change feed: one INSERT record per item, new image only
     * (the template's stream view is NEW_AND_OLD_IMAGES; an insert has no old image).
     */
    static String streamInserts(List<Map<String, AttributeValue>> items, String region) {
        ObjectNode event = OfflineCloud.JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        long sequence = System.nanoTime();
        for (Map<String, AttributeValue> item : items) {
            ObjectNode record = records.addObject();
            record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
            record.put("eventName", "INSERT");
            record.put("eventVersion", "1.1");
            record.put("eventSource", "aws:dynamodb");
            record.put("awsRegion", region);
            ObjectNode db = record.putObject("dynamodb");
            db.put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
            db.set("Keys", DynamoJson.item(Map.of(TableDesign.PK, item.get(TableDesign.PK), TableDesign.SK, item.get(TableDesign.SK))));
            db.set("NewImage", DynamoJson.item(item));
            db.put("SequenceNumber", Long.toString(sequence++));
            db.put("SizeBytes", 1024);
            db.put("StreamViewType", "NEW_AND_OLD_IMAGES");
            record.put("eventSourceARN", "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/helpdesk-local/stream/2026-12-07T00:00:00.000");
        }
        return event.toString();
    }

    /** An EventBridge Scheduler invocation (a {@code ScheduleV2} target). */
    static String scheduled(String scheduleName) {
        // What EventBridge Scheduler sends the function: the schedule's Input in template.yaml, and only that.
        ObjectNode envelope = OfflineCloud.JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("detail-type", "Scheduled Event");
        envelope.put("source", "helpdesk.scheduler");
        envelope.putObject("detail").put("schedule", scheduleName);
        return envelope.toString();
    }
}
