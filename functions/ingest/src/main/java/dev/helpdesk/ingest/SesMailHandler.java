package dev.helpdesk.ingest;

import dev.helpdesk.app.IngestService;
import dev.helpdesk.ingest.email.StoredMail;
import dev.helpdesk.ingest.email.RawMailStore;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Lambda target of the inbound-mail bucket's ObjectCreated events: SES's S3 action stored a raw message, this
 * reads, parses and ingests it. The SES message id (the key's last segment) is the provider id, so a message
 * announced both here and over SNS is stored once. A message that cannot be parsed still becomes a message saying
 * why, with the raw copy's location ({@link StoredMail}): SES has accepted it, so dropping it would lose it.
 */
public class SesMailHandler extends HelpdeskHandler<Map<String, Object>, Void> {
    @Inject
    RawMailStore mail;
    @Inject
    IngestService ingest;
    @Inject
    Clock clock;

    public SesMailHandler() {
    }

    public SesMailHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Void handle(Map<String, Object> event) {
        for (Map<String, Object> record : (List<Map<String, Object>>) event.getOrDefault("Records", List.of())) {
            Map<String, Object> s3 = (Map<String, Object>) record.get("s3");
            String bucket = (String) ((Map<String, Object>) s3.get("bucket")).get("name");
            // S3 event keys are URL-encoded (spaces as '+').
            String key = URLDecoder.decode((String) ((Map<String, Object>) s3.get("object")).get("key"), StandardCharsets.UTF_8);
            String sesId = key.substring(key.lastIndexOf('/') + 1);
            // Whatever the mail holds, it becomes a message (an unreadable one says why and where its raw copy is).
            ingest.accept(StoredMail.inbound(mail.read(bucket, key), sesId, "s3://" + bucket + "/" + key, clock.instant()));
        }
        return null;
    }
}
