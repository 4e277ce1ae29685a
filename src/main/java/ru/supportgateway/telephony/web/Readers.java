package ru.supportgateway.telephony.web;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;

/**
 * Who is asking and which desks they may see: operators and supervisors their own desks, the administrator
 * all. Looked up on every request, so a changed desk assignment applies at once (as in the journal API).
 */
@Component
class Readers {

    private final OperatorRepository operators;
    private final Desks desks;

    Readers(OperatorRepository operators, Desks desks) {
        this.operators = operators;
        this.desks = desks;
    }

    Operator of(Principal principal) {
        return operators.find(principal.getName()).filter(Operator::enabled)
                .orElseThrow(() -> new DeskAccessDeniedException("*"));
    }

    Set<String> visibleDesks(Operator reader) {
        if (reader.role() == Role.ADMIN) {
            return desks.all().stream().map(Desk::id).collect(Collectors.toUnmodifiableSet());
        }
        return reader.desks();
    }

    void requireDesk(Operator reader, String deskId) {
        if (deskId == null || !reader.worksAt(deskId)) {
            throw new DeskAccessDeniedException(deskId);
        }
    }
}
