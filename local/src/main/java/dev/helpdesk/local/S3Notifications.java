package dev.helpdesk.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The S3 event notification a bucket sends its function when an object is put ({@code ObjectCreated:Put}, one
 * record), as the local S3 delivers it; the cold-start benchmark hands the same event to the inbound-mail function.
 */
public final class S3Notifications {
    private S3Notifications() {
    }

    public static ObjectNode objectCreated(String bucket, String key, byte[] bytes) {
        ObjectNode record = Exchanges.JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", Intrinsics.REGION);
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "local");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        // Keys arrive URL-encoded in notifications, slashes kept.
        s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", bytes.length).put("eTag", etag(bytes).replace("\"", ""));
        ObjectNode event = Exchanges.JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event;
    }

    /** S3's ETag of a single-part object: the quoted hex MD5 of its bytes. */
    static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
