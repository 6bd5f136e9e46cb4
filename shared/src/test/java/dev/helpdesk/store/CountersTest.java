package dev.helpdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helpdesk.testing.LocalDynamo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Ticket numbers: unique and increasing, even with many writers at once. */
class CountersTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();
    private Counters counters;

    @BeforeEach
    void freshTable() {
        counters = new Counters(dynamo, LocalDynamo.freshTable(dynamo));
    }

    @Test
    @DisplayName("a counter starts at 1 and counts up by one; counters are independent")
    void countsFromOne() {
        assertEquals(1L, counters.next(Counters.TICKET_NUMBER));
        assertEquals(2L, counters.next(Counters.TICKET_NUMBER));
        assertEquals(1L, counters.next("other"));
        assertEquals(3L, counters.next(Counters.TICKET_NUMBER));
    }

    @Test
    @Timeout(60)
    @DisplayName("200 next() calls from 8 threads give exactly the numbers 1..200, each once")
    void concurrentNextGivesDistinctConsecutiveNumbers() throws Exception {
        int threads = 8;
        int calls = 200;
        ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = calls / threads + (t < calls % threads ? 1 : 0);
                jobs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < share; i++) {
                        values.add(counters.next(Counters.TICKET_NUMBER));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> job : jobs) {
                job.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(calls, values.size(), "every call returned a value");
        Set<Long> distinct = new TreeSet<>(values);
        assertEquals(calls, distinct.size(), "no number given twice");
        assertEquals(LongStream.rangeClosed(1, calls).boxed().collect(Collectors.toCollection(TreeSet::new)), distinct);
        assertEquals(calls + 1L, counters.next(Counters.TICKET_NUMBER));
    }
}
