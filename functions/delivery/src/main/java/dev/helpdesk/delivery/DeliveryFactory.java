package dev.helpdesk.delivery;

import dev.helpdesk.app.ReplyDelivery;
import dev.helpdesk.config.AwsClients;
import dev.helpdesk.config.HelpdeskConfig;
import dev.helpdesk.config.Secrets;
import dev.helpdesk.config.Settings;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.observability.PowertoolsMetrics;
import dev.helpdesk.outbound.OutboundSender;
import dev.helpdesk.outbound.OutboundSenders;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.DeliveryStore;
import dev.helpdesk.store.TicketStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Wires a sender for each channel whose provider is configured; a channel without one gets "Reply Delivery Failed"
 * ("no outbound sender is configured") rather than a silent drop. Secrets are read on first use, so a cold start
 * does not pay for Parameter Store reads of channels it does not send on.
 */
@Factory
public class DeliveryFactory {

    @Singleton
    DeliveryStore deliveryStore(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, HelpdeskConfig config) {
        return new DeliveryStore(dynamo, config.table());
    }

    @Singleton
    OutboundSenders outboundSenders(Settings settings, Secrets secrets, Clock clock) {
        ProviderHttp http = new ProviderHttp();
        Map<Channel, OutboundSender> senders = new EnumMap<>(Channel.class);
        if (settings.find("TWILIO_ACCOUNT_SID").isPresent() && secrets.isSet("TWILIO_AUTH_TOKEN")) {
            senders.put(Channel.SMS, new TwilioSmsSender(http, settings.find("TWILIO_API_BASE").orElse("https://api.twilio.com"),
                    settings.require("TWILIO_ACCOUNT_SID"), secret(secrets, "TWILIO_AUTH_TOKEN")));
        }
        String graph = settings.find("META_GRAPH_BASE").orElse("https://graph.facebook.com");
        String version = settings.find("META_GRAPH_VERSION").orElse("v21.0");
        if (secrets.isSet("META_PAGE_ACCESS_TOKEN")) {
            MetaSender pages = new MetaSender(http, graph, version, secret(secrets, "META_PAGE_ACCESS_TOKEN"));
            senders.put(Channel.MESSENGER, pages);
            senders.put(Channel.INSTAGRAM, pages);
        }
        if (secrets.isSet("WHATSAPP_ACCESS_TOKEN")) {
            senders.put(Channel.WHATSAPP, new MetaSender(http, graph, version, secret(secrets, "WHATSAPP_ACCESS_TOKEN")));
        }
        if (settings.find("CHAT_REPLY_URL").isPresent() && secrets.isSet("CHAT_WEBHOOK_SECRET")) {
            senders.put(Channel.CHAT, new ChatReplySender(http, URI.create(settings.require("CHAT_REPLY_URL")),
                    secret(secrets, "CHAT_WEBHOOK_SECRET")));
        }
        settings.find("EMAIL_FROM").ifPresent(from -> {
            String via = settings.find("EMAIL_SENDER").orElse("ses").toLowerCase(Locale.ROOT);
            switch (via) {
                case "ses" -> senders.put(Channel.EMAIL, new SesEmailSender(sesClient(settings), from,
                        settings.find("AWS_REGION").or(() -> settings.find("aws.region")).orElse("us-east-1"), clock));
                case "postmark" -> senders.put(Channel.EMAIL, new PostmarkEmailSender(http,
                        settings.find("POSTMARK_API_BASE").orElse("https://api.postmarkapp.com"), from,
                        secret(secrets, "POSTMARK_SERVER_TOKEN")));
                case "none" -> { }
                default -> throw new IllegalStateException("EMAIL_SENDER must be ses, postmark or none, not " + via);
            }
        });
        return new OutboundSenders(senders);
    }

    @Singleton
    ReplyDelivery replyDelivery(TicketStore tickets, CustomerStore customers, DeliveryStore deliveries, OutboundSenders senders, Clock clock,
                                Settings settings) {
        return new ReplyDelivery(tickets, customers, deliveries, senders, clock,
                new PowertoolsMetrics("delivery"));
    }

    private static SesV2Client sesClient(Settings settings) {
        return AwsClients.build(SesV2Client.builder(), settings, "SESV2");
    }

    private static Supplier<String> secret(Secrets secrets, String name) {
        return () -> secrets.require(name);
    }
}
