package dev.helpdesk.ingest;

import dev.helpdesk.config.AwsClients;
import dev.helpdesk.config.Settings;
import dev.helpdesk.ingest.email.RawMailStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads SES-stored mail from S3. The client is made on first use: most ingest invocations never need it. */
@Singleton
public class S3RawMailStore implements RawMailStore {
    private final Settings settings;
    private volatile S3Client s3;

    public S3RawMailStore(Settings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] read(String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> object = client().getObjectAsBytes(b -> b.bucket(bucket).key(key));
            if (object.response().contentLength() != null && object.response().contentLength() > MAX_BYTES) {
                throw new MissingMailException("s3://" + bucket + "/" + key + " is larger than " + MAX_BYTES + " bytes", null);
            }
            return object.asByteArray();
        } catch (NoSuchKeyException e) {
            throw new MissingMailException("no object s3://" + bucket + "/" + key, e);
        }
    }

    private S3Client client() {
        if (s3 == null) {
            synchronized (this) {
                if (s3 == null) {
                    S3ClientBuilder builder = S3Client.builder();
                    // An endpoint override (LocalStack, the local cloud) serves buckets by path, not by host name.
                    builder.forcePathStyle(settings.endpoint("S3").isPresent());
                    s3 = AwsClients.build(builder, settings, "S3");
                }
            }
        }
        return s3;
    }
}
