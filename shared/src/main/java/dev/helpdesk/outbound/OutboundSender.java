package dev.helpdesk.outbound;

/**
 * Hands a reply to one channel's provider (Twilio, SES or Postmark, Meta's Graph API, the brand's chat back end).
 * Implementations say whether a failure is worth retrying: a provider outage or throttling is, a rejected
 * recipient is not.
 */
public interface OutboundSender {

    /**
     * @return what the provider answered
     * @throws DeliveryException when the provider did not accept the reply
     */
    SendReceipt send(OutboundReply reply);

    /**
     * @param providerMessageId the provider's id for the sent message (Twilio SID, SES MessageId, Graph message id)
     * @param threadRef for email, the Message-ID the reply was sent with (without angle brackets), so that the
     *                  customer's answer threads back to the ticket; null otherwise
     */
    record SendReceipt(String providerMessageId, String threadRef) {
    }

    /** The provider refused or could not be reached. {@code permanent}: sending again would fail the same way. */
    final class DeliveryException extends RuntimeException {
        private final boolean permanent;

        public DeliveryException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public DeliveryException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }

        public static DeliveryException permanent(String message) {
            return new DeliveryException(message, true);
        }

        public static DeliveryException transientFailure(String message) {
            return new DeliveryException(message, false);
        }
    }
}
