package dev.helpdesk.domain;

/** An attachment recorded with a message: its name, media type and size in bytes. */
public record Attachment(String name, String contentType, long size) {
}
