package ru.supportgateway.operator;

import java.security.Principal;

import org.springframework.stereotype.Component;

/**
 * The one check of who may see a desk's data (parents' and children's personal data): operators and
 * supervisors their own desks, the administrator all. Every API and page asks here.
 */
@Component
public class DeskAccess {

    private final OperatorRepository operators;

    public DeskAccess(OperatorRepository operators) {
        this.operators = operators;
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
        if (!operator.worksAt(deskId)) {
            throw new DeskAccessDeniedException(deskId);
        }
        return operator;
    }
}
