package dev.helpdesk.ingest;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helpdesk.config.Settings;
import dev.helpdesk.http.ApiException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SNS envelopes' URLs (R-INGEST-6): only SNS's own host, shaped as SNS sends them; malformed ones are a 4xx. */
class SnsMessagesTest {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:inbound-mail";
    private final SnsMessages sns = new SnsMessages(new Settings(Map.of("SES_INBOUND_TOPIC_ARN", TOPIC, "AWS_REGION", "eu-west-1")::get));

    @Test
    @DisplayName("SNS's certificate and subscription URLs are trusted")
    void genuineUrls() {
        assertTrue(sns.trusted("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem", true).isPresent());
        assertTrue(sns.trusted("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=2336412f37", false).isPresent());
    }

    @ParameterizedTest
    @DisplayName("look-alikes and malformed URLs are refused before any fetch")
    @ValueSource(strings = {
            "https://sns.eu-west-1.amazonaws.com/cert with space.pem",
            "https://sns.eu-west-1.amazonaws.com/bad%zzescape.pem",
            "https://sns.eu-west-1.amazonaws.com/line\nbreak.pem",
            "https://sns.eu-west-1.amazonaws.com/{braces}.pem",
            "https://sns.eu-west-1.amazonaws.com.evil.example/x.pem",
            "https://sns.eu-west-1.amazonaws.com@evil.example/x.pem",
            "https://user@sns.eu-west-1.amazonaws.com/x.pem",
            "http://sns.eu-west-1.amazonaws.com/x.pem",
            "https://sns.eu-west-1.amazonaws.com:8443/x.pem",
            "https://sns.eu-west-1.amazonaws.com/../x.pem",
            "https://sns.eu-west-1.amazonaws.com/dir/x.pem",
            "https://sns.eu-west-1.amazonaws.com/x.pem?y=1",
            "https://sns.eu-west-1.amazonaws.com/x.pem#frag",
            "https://sns.eu-west-1.amazonaws.com/x.txt",
            "https://sns.us-east-1.amazonaws.com/x.pem",
            "//sns.eu-west-1.amazonaws.com/x.pem",
            "not a url at all",
            ""})
    void refused(String url) {
        assertTrue(sns.trusted(url, true).isEmpty(), url);
        assertTrue(sns.trusted(url, false).isEmpty(), url);
    }

    @ParameterizedTest
    @DisplayName("an envelope whose SigningCertURL is malformed is 401, not 500")
    @ValueSource(strings = {"https://sns.eu-west-1.amazonaws.com/a b.pem", "https://sns.eu-west-1.amazonaws.com/%E0%A4%A.pem",
            "https://sns.eu-west-1.amazonaws.com/x\r\n.pem", "https://sns.eu-west-1.amazonaws.com/{x}.pem"})
    void malformedCertificateUrl(String url) {
        ObjectNode envelope = new ObjectMapper().createObjectNode().put("Type", "Notification").put("TopicArn", TOPIC)
                .put("MessageId", "m-1").put("Message", "{}").put("Timestamp", "2026-12-07T00:00:00Z")
                .put("SignatureVersion", "1").put("Signature", "AAAA").put("SigningCertURL", url);
        ApiException refused = assertThrows(ApiException.class, () -> sns.verify(envelope));
        assertEquals(401, refused.status());
    }
}
