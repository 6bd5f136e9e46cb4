package dev.helpdesk.ingest.email;

/** Where SES put a raw message: read it back by bucket and key. */
public interface RawMailStore {
    /** @throws MissingMailException when there is no such object */
    byte[] read(String bucket, String key);

    /** The largest message read; SES accepts mail up to 40 MB. */
    long MAX_BYTES = 40L * 1024 * 1024;

    class MissingMailException extends RuntimeException {
        public MissingMailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
