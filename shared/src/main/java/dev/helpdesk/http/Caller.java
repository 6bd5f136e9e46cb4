package dev.helpdesk.http;

import dev.helpdesk.domain.Permission;
import dev.helpdesk.domain.Role;

/** The agent making an API call: the JWT's {@code sub} and role, as the authorizer passed them on. */
public record Caller(String agentId, Role role) {

    /** Throws 403 unless the caller's role has the permission. */
    public Caller require(Permission permission) {
        if (!permission.grantedTo(role)) {
            throw ApiException.forbidden("role " + role.wire() + " may not " + permission.name().toLowerCase().replace('_', ' '));
        }
        return this;
    }
}
