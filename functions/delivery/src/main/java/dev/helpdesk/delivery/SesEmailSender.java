package dev.helpdesk.delivery;

import dev.helpdesk.outbound.OutboundReply;
import dev.helpdesk.outbound.OutboundSender;
import java.time.Clock;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Email replies through Amazon SES (SendEmail, raw content). SES replaces the Message-ID with its own,
 * {@code <MessageId@email.amazonses.com>} in us-east-1 and {@code <MessageId@region.amazonses.com>} elsewhere, so
 * that is the reference recorded for the customer's answer; the {@code [#number]} in the subject threads it too.
 */
final class SesEmailSender implements OutboundSender {
    private final SesV2Client ses;
    private final String from;
    private final String region;
    private final Clock clock;

    SesEmailSender(SesV2Client ses, String from, String region, Clock clock) {
        this.ses = ses;
        this.from = from;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public SendReceipt send(OutboundReply reply) {
        byte[] mime;
        try {
            mime = ReplyEmails.mime(reply, from, clock.instant());
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent(e.getMessage());
        }
        try {
            String id = ses.sendEmail(b -> b.fromEmailAddress(ReplyEmails.address(from))
                    .destination(d -> d.toAddresses(reply.to()))
                    .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(mime))))).messageId();
            String domain = "us-east-1".equals(region) ? "email.amazonses.com" : region + ".amazonses.com";
            return new SendReceipt(id, id + "@" + domain);
        } catch (SesV2Exception e) {
            // The SDK has already retried throttling and 5xx; what is left of those is still worth an event retry.
            int status = e.statusCode();
            throw new DeliveryException("SES refused: " + e.awsErrorDetails().errorMessage(),
                    !(status == 429 || status >= 500), e);
        } catch (SdkClientException e) {
            throw new DeliveryException("SES unreachable: " + e.getMessage(), false, e);
        }
    }
}
