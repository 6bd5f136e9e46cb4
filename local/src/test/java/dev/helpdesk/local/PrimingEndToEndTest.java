package dev.helpdesk.local;

import org.junit.jupiter.api.parallel.Isolated;
import dev.helpdesk.config.FunctionEnvironment;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.agentapi.AgentApiHandler;
import dev.helpdesk.classify.ClassifyHandler;
import dev.helpdesk.config.Priming;
import dev.helpdesk.history.HistoryHandler;
import dev.helpdesk.ingest.IngestHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming (issue 8's cold-start lever) against the offline cloud: each function primed at init makes its
 * first SDK calls and its harmless request for real, and changes nothing: no event reaches the bus.
 */
@Isolated
class PrimingEndToEndTest {

    @Test
    @DisplayName("issue 8: priming ingest, agent-api, history and classify runs their first calls and publishes nothing")
    void primingChangesNothing() throws Exception {
        LocalCloud cloud = SharedCloud.get();
        assertTrue(cloud.awaitIdle(30_000));
        int eventsBefore = cloud.events().size();
        // The constructor Lambda calls, in each function's own environment with HELPDESK_PRIME=init: it builds the
        // function's context and, asked to prime at init, primes it.
        for (var function : Map.<String, java.util.concurrent.Callable<AutoCloseable>>of(
                "IngestFunction", IngestHandler::new, "AgentApiFunction", AgentApiHandler::new,
                "HistoryFunction", HistoryHandler::new, "ClassifyFunction", ClassifyHandler::new).entrySet()) {
            Map<String, String> environment = new java.util.HashMap<>(cloud.functionEnvironment(function.getKey()));
            assertFalse(environment.isEmpty(), function.getKey());
            environment.put("HELPDESK_PRIME", "init");
            FunctionEnvironment.with(environment, () -> {
                function.getValue().call().close();
                return null;
            });
        }
        assertTrue(Priming.primed().containsAll(
                java.util.List.of("IngestHandler", "AgentApiHandler", "HistoryHandler", "ClassifyHandler")), Priming.primed().toString());
        assertTrue(cloud.awaitIdle(30_000));
        assertEquals(eventsBefore, cloud.events().size(), "priming put nothing on the bus");
    }
}
