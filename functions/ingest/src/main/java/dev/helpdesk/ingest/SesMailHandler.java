package dev.helpdesk.ingest;

import dev.helpdesk.app.IngestService;
import dev.helpdesk.ingest.email.MimeEmails;
import dev.helpdesk.ingest.email.RawMailStore;
import io.micronaut.context.ApplicationContext;
import dev.helpdesk.config.HelpdeskHandler;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda target of the inbound-mail bucket's ObjectCreated events: SES's S3 action stored a raw message, this
 * reads, parses and ingests it. The SES message id (the key's last segment) is the provider id, so a message
 * announced both here and over SNS is stored once. A message that cannot be parsed is logged and skipped
 * (retrying cannot fix it; the raw copy stays in the bucket).
 */
public class SesMailHandler extends HelpdeskHandler<Map<String, Object>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SesMailHandler.class);

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
    public Void execute(Map<String, Object> event) {
        for (Map<String, Object> record : (List<Map<String, Object>>) event.getOrDefault("Records", List.of())) {
            Map<String, Object> s3 = (Map<String, Object>) record.get("s3");
            String bucket = (String) ((Map<String, Object>) s3.get("bucket")).get("name");
            // S3 event keys are URL-encoded (spaces as '+').
            String key = URLDecoder.decode((String) ((Map<String, Object>) s3.get("object")).get("key"), StandardCharsets.UTF_8);
            String sesId = key.substring(key.lastIndexOf('/') + 1);
            try {
                ingest.accept(MimeEmails.parse(mail.read(bucket, key), sesId).toInbound(clock.instant()));
            } catch (MimeEmails.InvalidEmailException | IllegalArgumentException e) {
                LOG.warn("skipped s3://{}/{}: {}", bucket, key, e.getMessage());
            }
        }
        return null;
    }
}
