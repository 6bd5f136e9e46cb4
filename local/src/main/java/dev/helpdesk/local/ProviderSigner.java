package dev.helpdesk.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs sample webhooks the way each provider signs real ones, so the demo and the end-to-end tests can play
 * the provider's part. (The functions verify; this side only signs.)
 */
final class ProviderSigner {
    private ProviderSigner() {
    }

    /** Chat widget and Meta: {@code sha256=<hex HMAC-SHA256 of the body>}. */
    static String sha256Header(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    /** Twilio: base64 HMAC-SHA1 of the URL followed by the sorted form parameters' names and values. */
    static String twilio(String authToken, String url, String formBody) {
        List<String[]> params = new ArrayList<>();
        for (String pair : formBody.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.add(new String[] {URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
            }
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder data = new StringBuilder(url);
        params.forEach(p -> data.append(p[0]).append(p[1]));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
