package ru.supportgateway.telephony.web;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.Role;

/** Who is asking and which desks they may see, through the gateway's one {@link DeskAccess} check. */
@Component
class Readers {

    private final DeskAccess access;
    private final Desks desks;

    Readers(DeskAccess access, Desks desks) {
        this.access = access;
        this.desks = desks;
    }

    Operator of(Principal principal) {
        return access.current(principal);
    }

    /** Operators and supervisors: their desks; the administrator: every desk. */
    Set<String> visibleDesks(Operator reader) {
        if (reader.role() == Role.ADMIN) {
            return desks.all().stream().map(Desk::id).collect(Collectors.toUnmodifiableSet());
        }
        return reader.desks();
    }

    /** @throws ru.supportgateway.operator.DeskAccessDeniedException unless the operator works at the desk */
    void requireDesk(Principal principal, String deskId) {
        access.check(principal, deskId == null ? "-" : deskId);
    }
}
