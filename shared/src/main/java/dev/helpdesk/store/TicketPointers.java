package dev.helpdesk.store;

import static dev.helpdesk.store.TableDesign.*;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items that lead to a ticket from outside it: a provider message's receipt, an email Message-ID, a ticket
 * number, a channel conversation. {@link TicketStore} writes them with the ticket's changes; this reads them.
 */
public final class TicketPointers {
    private final DynamoDbClient dynamo;
    private final String table;

    public TicketPointers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The ticket a provider message was stored on, if this message was seen before. */
    public Optional<TicketChange.InboundReceipt> findInbound(String channel, String providerMessageId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(inboundPk(channel, providerMessageId)), SK, AttributeValue.fromS("INBOUND"))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Item i = Item.of(item);
        return Optional.of(new TicketChange.InboundReceipt(channel, providerMessageId, i.s("ticketId"), i.s("messageId")));
    }

    /** The ticket an email Message-ID belongs to (the customer's or our own reply's). */
    public Optional<String> findThreadRef(String messageId) {
        return pointer(threadRefPk(messageId), "REF");
    }

    /** The ticket with this human number. */
    public Optional<String> findByNumber(long number) {
        return pointer(ticketNumberPk(number), "TICKETNO");
    }

    /** The ticket a channel conversation currently threads into. */
    public Optional<String> findConversation(String conversationKey) {
        return pointer(conversationPk(conversationKey), "CONVERSATION");
    }

    private Optional<String> pointer(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("ticketId").s());
    }
}
