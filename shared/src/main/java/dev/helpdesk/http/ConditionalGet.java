package dev.helpdesk.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cheap polling for reads (CONSOLE.md C-LIVE): a 200 answer to a GET gets a strong {@code ETag} from its body, and a
 * request whose {@code If-None-Match} names it gets 304 without the body. The console's 15 s refresh of an unchanged
 * view then moves a few hundred bytes instead of the page, and the browser's cache (which sends If-None-Match by
 * itself) hands the page the body it already has. Answers that carry a version ETag (a ticket, for If-Match) keep it
 * and are always sent whole: their timeline can grow without the version moving.
 */
public final class ConditionalGet {
    private ConditionalGet() {
    }

    public static APIGatewayV2HTTPResponse apply(ApiRequest request, APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200 || response.getBody() == null || response.getIsBase64Encoded()) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        if (headers.containsKey("ETag")) {
            return response;
        }
        String etag = "\"" + digest(response.getBody()) + "\"";
        headers.put("ETag", etag);
        // The browser may keep it, but must ask each time (the view changes under it).
        headers.put("Cache-Control", "private, no-cache");
        if (request.header("If-None-Match").map(value -> matches(value, etag)).orElse(false)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(
                    Map.of("ETag", etag, "Cache-Control", "private, no-cache")).build();
        }
        response.setHeaders(headers);
        return response;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
