package dev.helpdesk.testing;

import dev.helpdesk.app.ChangeFeed;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.store.TicketPointers;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TicketLists;
import dev.helpdesk.store.TimelineStore;
import dev.helpdesk.store.TimerStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ticket aggregate's stores on one table, built together as HelpdeskFactory builds them for a function. */
public record TicketStores(TicketStore tickets, TimerStore timers, TimelineStore timeline, TicketLists views,
                           TicketPointers pointers) {

    public static TicketStores on(DynamoDbClient dynamo, String table) {
        return new TicketStores(new TicketStore(dynamo, table), new TimerStore(dynamo, table), new TimelineStore(dynamo, table),
                new TicketLists(dynamo, table), new TicketPointers(dynamo, table));
    }

    /** The change feed over these stores, as the table stream's function runs it. */
    public ChangeFeed changeFeed(EventPublisher publisher) {
        return new ChangeFeed(timeline, timers, publisher);
    }
}
