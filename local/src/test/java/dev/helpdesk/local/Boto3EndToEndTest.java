package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An independent client, as engineers use one: boto3's {@code put_events} with no bus name (the default bus) reaches
 * the helpdesk bus's rules, as the issue asks. Skipped only where Python has no boto3.
 */
class Boto3EndToEndTest {
    private static final String SCRIPT = """
            import json, sys, boto3
            events = boto3.client("events", endpoint_url=sys.argv[1], region_name="us-east-1",
                                  aws_access_key_id="x", aws_secret_access_key="x")
            detail = {"version": "1", "eventId": sys.argv[2], "ticketId": sys.argv[2]}
            answer = events.put_events(Entries=[{"Source": "helpdesk", "DetailType": "Ticket Received", "Detail": json.dumps(detail)}])
            print(json.dumps({"failed": answer["FailedEntryCount"], "id": answer["Entries"][0].get("EventId")}))
            """;

    @Test
    @DisplayName("R-LOCAL boto3 put_events without a bus name reaches the rule that matches it")
    void boto3DefaultBus() throws Exception {
        Assumptions.assumeTrue(boto3(), "python3 with boto3 is not installed here");
        LocalCloud cloud = SharedCloud.get();
        String id = "boto3-" + UUID.randomUUID();
        Process python = new ProcessBuilder("python3", "-c", SCRIPT, cloud.endpoints().get("eventbridge"), id)
                .redirectErrorStream(true).start();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "boto3 answered");
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, python.exitValue(), out);
        JsonNode answer = Exchanges.JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(0, answer.path("failed").asInt(), out);
        assertFalse(answer.path("id").asText().isEmpty(), out);

        assertTrue(cloud.awaitIdle(30_000));
        List<LocalEventBus.Logged> ours = cloud.events().stream()
                .filter(e -> e.envelope().get("detail") instanceof java.util.Map<?, ?> d && id.equals(d.get("ticketId"))).toList();
        assertEquals(1, ours.size(), "the event is on the helpdesk bus's log once");
        assertEquals("ClassifyFunction", ours.get(0).deliveries().get(0).functionId(), "the classify rule matched it");
        assertEquals("delivered", ours.get(0).deliveries().get(0).outcome());
    }

    private static boolean boto3() {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
