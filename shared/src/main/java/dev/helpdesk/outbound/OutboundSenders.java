package dev.helpdesk.outbound;

import dev.helpdesk.domain.Channel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The sender for each channel that has one configured. */
public final class OutboundSenders {
    private final Map<Channel, OutboundSender> byChannel;

    public OutboundSenders(Map<Channel, OutboundSender> byChannel) {
        this.byChannel = byChannel.isEmpty() ? Map.of() : new EnumMap<>(byChannel);
    }

    public Optional<OutboundSender> forChannel(Channel channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }
}
