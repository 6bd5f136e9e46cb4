package dev.helpdesk.events;

import java.util.List;

/** Puts events on the helpdesk bus. Throws {@link PublishException} unless every event was accepted. */
public interface EventPublisher {
    void publish(List<HelpdeskEvent> events);

    class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
