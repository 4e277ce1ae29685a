package ru.supportgateway.operator;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;

/**
 * The one check of who may see a desk's data (parents' and children's personal data): operators and
 * supervisors their own desks, the administrator all. Every API and page asks here.
 */
@Component
public class DeskAccess {

    private final OperatorRepository operators;
    private final Desks desks;

    public DeskAccess(OperatorRepository operators, Desks desks) {
        this.operators = operators;
        this.desks = desks;
    }

    /** The configured desks the operator may see: their own, or every desk for the administrator. */
    public Set<String> visibleDesks(Operator operator) {
        if (operator.role() == Role.ADMIN) {
            return desks.all().stream().map(Desk::id).collect(Collectors.toUnmodifiableSet());
        }
        return operator.desks();
    }

    /** The logged-in operator, read again so desk assignments changed since login apply at once. */
    public Operator current(Principal principal) {
        if (principal == null) {
            throw new DeskAccessDeniedException("*");
        }
        return operators.find(principal.getName()).filter(Operator::enabled)
                .orElseThrow(() -> new DeskAccessDeniedException("*"));
    }

    /** @throws DeskAccessDeniedException unless the operator works at the desk */
    public Operator check(Principal principal, String deskId) {
        Operator operator = current(principal);
        if (deskId == null || !operator.worksAt(deskId)) {
            throw new DeskAccessDeniedException(deskId);
        }
        return operator;
    }
}
