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
import java.time.Duration;
import java.util.List;
import dev.helpdesk.observability.PowertoolsMetrics;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The one place that wires clients, stores and use cases for every function. The classes it builds are plain
 * Java with constructor parameters; tests build them the same way without Micronaut.
 */
@Factory
public class HelpdeskFactory {

    @Singleton
    Settings settings() {
        return Settings.fromEnvironment();
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
        // The SSM client is made only if a secret is really read from Parameter Store (never locally).
        return new Secrets(settings, parameter -> {
            try (SsmClient ssm = AwsClients.build(SsmClient.builder(), settings, "SSM")) {
                return ssm.getParameter(b -> b.name(parameter).withDecryption(true)).parameter().value();
            }
        });
    }

    @Singleton
    TicketStore ticketStore(DynamoDbClient dynamo, Settings settings) {
        return new TicketStore(dynamo, settings.table());
    }

    @Singleton
    TimerStore timerStore(DynamoDbClient dynamo, Settings settings) {
        return new TimerStore(dynamo, settings.table());
    }

    @Singleton
    TimelineStore timelineStore(DynamoDbClient dynamo, Settings settings) {
        return new TimelineStore(dynamo, settings.table());
    }

    @Singleton
    TicketLists ticketLists(DynamoDbClient dynamo, Settings settings) {
        return new TicketLists(dynamo, settings.table());
    }

    @Singleton
    TicketPointers ticketPointers(DynamoDbClient dynamo, Settings settings) {
        return new TicketPointers(dynamo, settings.table());
    }

    @Singleton
    CustomerStore customerStore(DynamoDbClient dynamo, Settings settings) {
        return new CustomerStore(dynamo, settings.table());
    }

    @Singleton
    Counters counters(DynamoDbClient dynamo, Settings settings) {
        return new Counters(dynamo, settings.table());
    }

    @Singleton
    EventPublisher eventPublisher(EventBridgeClient client, Settings settings) {
        return new EventBridgePublisher(client, settings.bus());
    }

    @Singleton
    ChangeFeed changeFeed(TimelineStore timeline, TimerStore timers, EventPublisher publisher) {
        return new ChangeFeed(timeline, timers, publisher);
    }

    @Singleton
    IngestService ingestService(TicketStore tickets, TicketPointers pointers, CustomerStore customers, Counters counters,
                                Clock clock, Settings settings, SlaTimers sla) {
        Duration reopenWindow = settings.find("REOPEN_WINDOW_DAYS").map(d -> Duration.ofDays(Long.parseLong(d)))
                .orElse(IngestService.DEFAULT_REOPEN_WINDOW);
        return new IngestService(tickets, pointers, customers, counters, clock, reopenWindow, sla);
    }

    @Singleton
    AgentStore agentStore(DynamoDbClient dynamo, Settings settings) {
        return new AgentStore(dynamo, settings.table());
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
    BedrockRuntimeClient bedrockRuntimeClient(Settings settings) {
        Duration timeout = bedrockCallTimeout(settings);
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
        return AwsClients.build(builder, settings, "BEDROCK_RUNTIME");
    }

    private static Duration bedrockCallTimeout(Settings settings) {
        return Duration.ofMillis(Long.parseLong(settings.find("BEDROCK_TIMEOUT_MS").orElse("10000")));
    }

    @Singleton
    SentimentModel sentimentModel(BedrockRuntimeClient bedrock, Settings settings) {
        return new BedrockSentimentModel(bedrock, settings.find("BEDROCK_MODEL_ID").orElse(BedrockSentimentModel.DEFAULT_MODEL),
                bedrockCallTimeout(settings));
    }

    @Singleton
    ClassifyService classifyService(TicketStore tickets, TimerStore timers, TicketChanges changes, SentimentModel model,
                                    Clock clock, Settings settings) {
        List<Duration> retryDelays = settings.find("CLASSIFY_RETRY_DELAYS_SECONDS")
                .map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip).map(Long::parseLong).map(Duration::ofSeconds).toList())
                .orElse(ClassifyService.Policy.DEFAULT.retryDelays());
        ClassifyService.Policy policy = new ClassifyService.Policy(ClassifyService.Policy.DEFAULT.attempts(),
                Duration.ofMillis(Long.parseLong(settings.find("CLASSIFY_BACKOFF_MS").orElse("500"))),
                Duration.ofSeconds(Long.parseLong(settings.find("CLASSIFY_BUDGET_SECONDS").orElse("25"))),
                retryDelays);
        return new ClassifyService(tickets, timers, changes, model, clock, policy, duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, new PowertoolsMetrics("classify"));
    }

    @Singleton
    WorkspaceStore workspaceStore(DynamoDbClient dynamo, Settings settings) {
        return new WorkspaceStore(dynamo, settings.table());
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
