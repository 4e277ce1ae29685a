package ru.supportgateway.operator;

import java.util.Set;

/** A person who logs in to the gateway. The password hash never leaves this package's repository. */
public record Operator(String username, String fullName, Role role, boolean enabled, Set<String> desks) {

    public Operator {
        desks = Set.copyOf(desks);
    }

    /** Administrators see every desk; others only the desks they are assigned to. */
    public boolean worksAt(String deskId) {
        return role == Role.ADMIN || desks.contains(deskId);
    }
}
