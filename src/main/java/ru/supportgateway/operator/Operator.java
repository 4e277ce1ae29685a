package ru.supportgateway.operator;

import java.util.Set;

import org.springframework.lang.Nullable;

/**
 * A person who logs in to the gateway. The password hash never leaves this package's repository.
 *
 * @param extension the operator's phone extension, rung first when they call a parent back; null when none
 */
public record Operator(String username, String fullName, Role role, boolean enabled, Set<String> desks,
                       @Nullable String extension) {

    public Operator {
        desks = Set.copyOf(desks);
        extension = extension == null || extension.isBlank() ? null : extension.strip();
    }

    /** An operator without a phone extension. */
    public Operator(String username, String fullName, Role role, boolean enabled, Set<String> desks) {
        this(username, fullName, role, enabled, desks, null);
    }

    /** Administrators see every desk; others only the desks they are assigned to. */
    public boolean worksAt(String deskId) {
        return role == Role.ADMIN || desks.contains(deskId);
    }
}
