package dev.helpdesk.local.bench;

import dev.helpdesk.app.RoutingService;
import dev.helpdesk.domain.Agent;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.Role;
import dev.helpdesk.domain.Ticket;
import dev.helpdesk.events.EventPublisher;
import dev.helpdesk.store.AgentStore;
import dev.helpdesk.store.CustomerStore;
import dev.helpdesk.store.TableSchema;
import dev.helpdesk.store.TicketChange;
import dev.helpdesk.store.TicketStore;
import dev.helpdesk.store.TicketLists;
import dev.helpdesk.store.TimerStore;
import dev.helpdesk.store.WorkspaceStore;
import dev.helpdesk.local.LocalCloud;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Round robin under contention (a benchmark, not a test): 1, 4 and 8 concurrent routers assign tickets among 10
 * Online agents on DynamoDB Local. It reports assignments per second, claim transactions attempted per
 * assignment (1.0 = no conditional-write retries) and the write units DynamoDB reports per successful claim, all
 * counted by an SDK interceptor on the real client.
 *
 * <p>Run: see the README ("Routing").
 */
public final class RoutingBenchmark {
    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, null, false, false, Path.of("template.yaml"), Map.of()))) {
            System.out.printf("machine: %d cores, JDK %s; %d tickets per run, 10 Online agents, DynamoDB Local over HTTP%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), tickets);
            System.out.println("| routers | assignments/s | claim transactions per assignment | WCU per claim (reported) |");
            System.out.println("|---|---|---|---|");
            for (int routers : new int[] {1, 4, 8}) {
                run(URI.create(cloud.endpoints().get("dynamodb")), routers, tickets);
            }
        }
    }

    private static void run(URI endpoint, int routers, int n) throws Exception {
        AtomicLong transactions = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        DoubleAdder units = new DoubleAdder();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest r) {
                    transactions.incrementAndGet();
                    return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
                }
                return context.request();
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof TransactWriteItemsResponse r) {
                    committed.incrementAndGet();
                    r.consumedCapacity().stream().map(ConsumedCapacity::capacityUnits).forEach(units::add);
                }
            }
        };
        try (DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String table = "routing-bench-" + UUID.randomUUID();
            TableSchema.ensureTable(dynamo, table);
            TicketStore store = new TicketStore(dynamo, table);
            AgentStore agents = new AgentStore(dynamo, table);
            WorkspaceStore workspace = new WorkspaceStore(dynamo, table);
            workspace.saveAssignment(new WorkspaceStore.AssignmentSettings(true, null));
            for (int i = 0; i < 10; i++) {
                agents.register(new Agent("agent-" + i, "Agent " + i, null, Role.SUPPORT, null, false));
                agents.setOnline("agent-" + i, true, java.time.Instant.now());
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Ticket t = Ticket.open("t-" + i, i + 1, "s", Channel.CHAT, "c", null, Instant.now());
                store.commit(new TicketChange(t, true, List.of(), List.of(), List.of(), null, null, null));
                ids.add(t.ticketId());
            }
            RoutingService routing = new RoutingService(store, new TicketLists(dynamo, table), new TimerStore(dynamo, table),
                    new CustomerStore(dynamo, table), agents, workspace, Clock.systemUTC());
            transactions.set(0);
            committed.set(0);
            units.reset();
            ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(ids);
            ExecutorService pool = Executors.newFixedThreadPool(routers);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < routers; r++) {
                futures.add(pool.submit(() -> {
                    for (String id; (id = queue.poll()) != null; ) {
                        routing.route(id);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("| %d | %.1f | %.2f | %.1f |%n", routers, n / seconds, (double) transactions.get() / n,
                    units.sum() / Math.max(1, committed.get()));
        }
    }
}
