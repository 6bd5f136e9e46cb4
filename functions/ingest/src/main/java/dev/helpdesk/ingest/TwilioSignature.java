package dev.helpdesk.ingest;

import dev.helpdesk.http.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Twilio's request signature, as Twilio documents it: HMAC-SHA1, keyed with the account's auth token, over the
 * full URL followed by every POST parameter's name and value in name order; base64 in {@code X-Twilio-Signature}.
 */
final class TwilioSignature {
    private TwilioSignature() {
    }

    static String compute(String authToken, String url, List<Map.Entry<String, String>> parameters) {
        StringBuilder data = new StringBuilder(url);
        parameters.stream().sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .forEach(p -> data.append(p.getKey()).append(p.getValue()));
        return Base64.getEncoder().encodeToString(
                Signatures.hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static boolean valid(String header, String authToken, String url, List<Map.Entry<String, String>> parameters) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = compute(authToken, url, parameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
