package dev.helpdesk.http;

import dev.helpdesk.domain.Role;

/** The agent making an API call: the JWT's {@code sub} and role, as the authorizer passed them on. */
public record Caller(String agentId, Role role) {
}
