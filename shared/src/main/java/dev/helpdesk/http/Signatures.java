package dev.helpdesk.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC helpers for the providers' signatures, checked on webhooks and made on outbound calls; comparisons are constant-time. */
public final class Signatures {
    private Signatures() {
    }

    public static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** True when {@code header} is {@code sha256=<hex of HMAC-SHA256(secret, body)>}. */
    public static boolean validSha256Header(String header, String secret, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()).trim().toLowerCase());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac("HmacSHA256", secret, body));
    }

    /** {@code sha256=<hex of HMAC-SHA256(secret, body)>}: how the chat widget and Meta sign a body. */
    public static String sha256Header(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }
}
