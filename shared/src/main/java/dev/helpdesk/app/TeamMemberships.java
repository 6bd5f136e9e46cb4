package dev.helpdesk.app;

import dev.helpdesk.domain.Team;
import dev.helpdesk.store.WorkspaceStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which teams an agent is in, set from the agent's side ({@code PUT /api/agents/{agentId}} with {@code teams}). The
 * teams' member lists are the one record of membership, the one routing reads, so this changes them: the agent joins
 * the end of each named team's rotation and leaves every other. Each change is one conditional write on one team, so
 * members that a team's own {@code PUT} or another agent's registration change at the same time are kept.
 */
public final class TeamMemberships {
    private final WorkspaceStore workspace;

    public TeamMemberships(WorkspaceStore workspace) {
        this.workspace = workspace;
    }

    /** The ids among {@code teamIds} that name no team (checked before anything is written). */
    public Set<String> unknown(Set<String> teamIds) {
        Set<String> unknown = new TreeSet<>(teamIds);
        workspace.teams().forEach(team -> unknown.remove(team.teamId()));
        return unknown;
    }

    /** Makes the agent a member of exactly these teams; returns every team afterwards. */
    public List<Team> set(String agentId, Set<String> teamIds) {
        for (Team team : workspace.teams()) {
            boolean member = team.members().contains(agentId);
            if (teamIds.contains(team.teamId()) && !member) {
                workspace.addMember(team.teamId(), agentId);
            } else if (!teamIds.contains(team.teamId()) && member) {
                ConflictRetry.DEFAULT.run("taking " + agentId + " out of team " + team.teamId(),
                        () -> workspace.removeMember(team.teamId(), agentId));
            }
        }
        return workspace.teams();
    }
}
