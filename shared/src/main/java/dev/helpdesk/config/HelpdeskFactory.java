package dev.helpdesk.config;

import dev.helpdesk.ai.BedrockSentimentModel;
import dev.helpdesk.ai.SentimentModel;
import dev.helpdesk.app.ClassifyService;
import dev.helpdesk.app.ChangeFeed;
import dev.helpdesk.app.IngestService;
import dev.helpdesk.app.RoutingService;
import dev.helpdesk.app.SlaTimers;
import dev.helpdesk.app.TicketActions;
import dev.helpdesk.app.TicketChanges;
import dev.helpdesk.app.InboundParking;
import dev.helpdesk.app.TicketLookup;
import dev.helpdesk.app.TicketQueries;
import dev.helpdesk.events.EventBridgePublisher;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.Counters;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TicketPointers;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TicketLists;
import dev.helpdesk.store.TimelineStore;
import dev.helpdesk.store.TimerStore;
import dev.helpdesk.store.WorkspaceStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.List;
import dev.helpdesk.observability.PowertoolsMetrics;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The one place that wires clients, stores and use cases for every function. The classes it builds are plain
 * Java with constructor parameters; tests build them the same way without Micronaut.
 */
@Factory
public class HelpdeskFactory {
    private static final Logger LOG = LoggerFactory.getLogger(HelpdeskFactory.class);

    @Singleton
    Settings settings() {
        return Settings.fromEnvironment();
    }

    /** Built with the first bean that needs it, i.e. when the handler is constructed: Lambda's init. */
    @Singleton
    HelpdeskConfig config(Settings settings) {
        try {
            return HelpdeskConfig.from(settings);
        } catch (Settings.Invalid e) {
            LOG.error("configuration: {}; the function cannot start", e.getMessage());
            throw e;
        }
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    DynamoDbClient dynamoDbClient(Settings settings) {
        return AwsClients.build(DynamoDbClient.builder().overrideConfiguration(o -> o
                .retryStrategy(DYNAMODB_RETRIES).apiCallTimeout(DYNAMODB_CALL_TIMEOUT)), settings, "DYNAMODB");
    }

    /**
     * DynamoDB's SDK default is 9 attempts with throttling backoff up to 20 s: a throttled webhook then ran for a
     * minute (measured, issue 17), past API Gateway's 30 s. Four attempts with backoff capped at 1 s give a throttled
     * or failing table a few seconds, then the caller gets 503 + Retry-After and tries again later.
     */
    static final software.amazon.awssdk.retries.StandardRetryStrategy DYNAMODB_RETRIES = AwsRetryStrategy.standardRetryStrategy()
            .toBuilder().maxAttempts(4)
            .backoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofMillis(500)))
            .throttlingBackoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
            .build();
    /** One call, its retries included. */
    static final Duration DYNAMODB_CALL_TIMEOUT = Duration.ofSeconds(10);

    @Singleton
    EventBridgeClient eventBridgeClient(Settings settings) {
        return AwsClients.build(EventBridgeClient.builder(), settings, "EVENTBRIDGE");
    }

    @Singleton
    Secrets secrets(Settings settings) {
        return new Secrets(settings, new ParameterStore(settings));
    }

    @Singleton
    TicketStore ticketStore(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new TicketStore(dynamo, config.table());
    }

    @Singleton
    TimerStore timerStore(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new TimerStore(dynamo, config.table());
    }

    @Singleton
    TimelineStore timelineStore(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new TimelineStore(dynamo, config.table());
    }

    @Singleton
    TicketLists ticketLists(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new TicketLists(dynamo, config.table());
    }

    @Singleton
    TicketPointers ticketPointers(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new TicketPointers(dynamo, config.table());
    }

    @Singleton
    CustomerStore customerStore(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new CustomerStore(dynamo, config.table());
    }

    @Singleton
    Counters counters(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new Counters(dynamo, config.table());
    }

    @Singleton
    EventPublisher eventPublisher(EventBridgeClient client, HelpdeskConfig config) {
        return new EventBridgePublisher(client, config.bus());
    }

    @Singleton
    ChangeFeed changeFeed(TimelineStore timeline, TimerStore timers, EventPublisher publisher) {
        return new ChangeFeed(timeline, timers, publisher);
    }

    @Singleton
    IngestService ingestService(TicketStore tickets, TicketPointers pointers, CustomerStore customers, Counters counters,
                                Clock clock, HelpdeskConfig config, SlaTimers sla) {
        return new IngestService(tickets, pointers, customers, counters, clock, config.reopenWindow(), sla);
    }

    @Singleton
    AgentStore agentStore(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new AgentStore(dynamo, config.table());
    }

    @Singleton
    TicketQueries ticketQueries(TicketStore tickets, TicketLists views, AgentStore agents, CustomerStore customers,
                                WorkspaceStore workspace) {
        return new TicketQueries(tickets, views, agents, customers, workspace::slaPolicies);
    }

    @Singleton
    TicketLookup ticketLookup(TicketStore tickets, TicketPointers pointers, TicketLists lists, CustomerStore customers,
                              TicketQueries queries) {
        return new TicketLookup(tickets, pointers, lists, customers, queries);
    }

    @Singleton
    InboundParking inboundParking(EventPublisher publisher, Clock clock) {
        return new InboundParking(publisher, clock);
    }

    @Singleton
    TicketChanges ticketChanges(TicketStore tickets) {
        return new TicketChanges(tickets);
    }

    /**
     * Bedrock with the SDK's own retries off: {@link ClassifyService} owns the retry budget, so that routing never
     * waits longer than it allows. Each call may take {@code BEDROCK_TIMEOUT_MS} (default 10 s).
     */
    @Singleton
    BedrockRuntimeClient bedrockRuntimeClient(Settings settings, HelpdeskConfig config) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(config.bedrockTimeout()));
        return AwsClients.build(builder, settings, "BEDROCK_RUNTIME");
    }

    @Singleton
    SentimentModel sentimentModel(BedrockRuntimeClient bedrock, HelpdeskConfig config) {
        return new BedrockSentimentModel(bedrock, config.bedrockModelId(), config.bedrockTimeout());
    }

    @Singleton
    ClassifyService classifyService(TicketStore tickets, TimerStore timers, TicketChanges changes, SentimentModel model,
                                    Clock clock, HelpdeskConfig config) {
        ClassifyService.Policy policy = new ClassifyService.Policy(ClassifyService.Policy.DEFAULT.attempts(),
                config.classifyBackoff(), config.classifyBudget(), config.classifyRetryDelays());
        return new ClassifyService(tickets, timers, changes, model, clock, policy, duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, new PowertoolsMetrics("classify"));
    }

    @Singleton
    WorkspaceStore workspaceStore(DynamoDbClient dynamo, HelpdeskConfig config) {
        return new WorkspaceStore(dynamo, config.table());
    }

    @Singleton
    RoutingService routingService(TicketStore tickets, TicketLists views, TimerStore timers, CustomerStore customers,
                                  AgentStore agents, WorkspaceStore workspace, Clock clock) {
        return new RoutingService(tickets, views, timers, customers, agents, workspace, clock);
    }

    @Singleton
    TicketActions ticketActions(TicketStore tickets, TimerStore timers, TicketChanges changes, EventPublisher publisher,
                                Clock clock, Counters counters, SlaTimers sla) {
        return new TicketActions(tickets, timers, changes, publisher, clock, counters, sla);
    }

    @Singleton
    SlaTimers slaTimers(WorkspaceStore workspace, TimerStore timers, TicketChanges changes, Clock clock) {
        return SlaTimers.of(workspace, timers, changes, clock);
    }
}
