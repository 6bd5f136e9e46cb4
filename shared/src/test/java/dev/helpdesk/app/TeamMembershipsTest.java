package dev.helpdesk.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.helpdesk.domain.Team;
import dev.helpdesk.store.WorkspaceStore;
import dev.helpdesk.testing.LocalDynamo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** An agent's teams set from the agent's side change the teams' member lists, the one record routing reads. */
class TeamMembershipsTest {
    private static final DynamoDbClient dynamo = LocalDynamo.sharedClient();

    private WorkspaceStore workspace;
    private TeamMemberships memberships;

    @BeforeEach
    void wire() {
        String table = LocalDynamo.freshTable(dynamo);
        workspace = new WorkspaceStore(dynamo, table);
        memberships = new TeamMemberships(workspace);
        workspace.saveTeam(team("billing", List.of("ann", "bo")));
        workspace.saveTeam(team("vip", List.of("bo")));
    }

    private static Team team(String id, List<String> members) {
        return new Team(id, id, members, new Team.Rules(Set.of(), Set.of(), Set.of()), id.length());
    }

    private List<String> members(String teamId) {
        return workspace.teams().stream().filter(t -> t.teamId().equals(teamId)).findFirst().orElseThrow().members();
    }

    @Test
    @DisplayName("joining appends to the rotation, leaving takes the agent out; other members and their order stay")
    void joinAndLeave() {
        memberships.set("cy", Set.of("billing", "vip"));
        assertEquals(List.of("ann", "bo", "cy"), members("billing"));
        assertEquals(List.of("bo", "cy"), members("vip"));

        memberships.set("bo", Set.of("vip"));
        assertEquals(List.of("ann", "cy"), members("billing"));
        assertEquals(List.of("bo", "cy"), members("vip"));

        memberships.set("cy", Set.of());
        assertEquals(List.of("ann"), members("billing"));
        assertEquals(List.of("bo"), members("vip"));
    }

    @Test
    @DisplayName("unknown team ids are named before anything is written")
    void unknownTeams() {
        assertEquals(Set.of("nope", "zzz"), memberships.unknown(Set.of("billing", "nope", "zzz")));
        assertEquals(Set.of(), memberships.unknown(Set.of("billing", "vip")));
    }

    @Test
    @DisplayName("8 agents joining and 1 leaving one team at the same moment: every change lands, none is lost")
    void concurrentChanges() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(9);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> work = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String agent = "agent-" + i;
            work.add(() -> {
                start.await();
                return memberships.set(agent, Set.of("billing"));
            });
        }
        work.add(() -> {
            start.await();
            return memberships.set("ann", Set.of());
        });
        try {
            List<Future<Object>> futures = new ArrayList<>();
            work.forEach(w -> futures.add(pool.submit(w)));
            start.countDown();
            for (Future<Object> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> billing = members("billing");
        assertEquals(9, billing.size(), billing.toString());
        assertFalse(billing.contains("ann"), billing.toString());
        assertEquals("bo", billing.get(0), "the member nobody touched keeps its place: " + billing);
        for (int i = 0; i < 8; i++) {
            assertTrue(billing.contains("agent-" + i), billing.toString());
        }
    }
}
