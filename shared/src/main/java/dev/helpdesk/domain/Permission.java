package dev.helpdesk.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a role may do (R-SEC, R-ASSIGN-6): the one table every route checks against. Analysts only read;
 * only owners and admins purge and change workspace settings.
 */
public enum Permission {
    READ(EnumSet.allOf(Role.class)),
    WORK_TICKETS(EnumSet.of(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.SUPPORT)),
    ASSIGN(EnumSet.of(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.SUPPORT)),
    MANAGE_CUSTOMERS(EnumSet.of(Role.OWNER, Role.ADMIN, Role.MANAGER, Role.SUPPORT)),
    MANAGE_TEAMS(EnumSet.of(Role.OWNER, Role.ADMIN, Role.MANAGER)),
    ADMINISTER(EnumSet.of(Role.OWNER, Role.ADMIN)),
    PURGE(EnumSet.of(Role.OWNER, Role.ADMIN));

    private final Set<Role> roles;

    Permission(Set<Role> roles) {
        this.roles = roles;
    }

    public boolean grantedTo(Role role) {
        return roles.contains(role);
    }
}
