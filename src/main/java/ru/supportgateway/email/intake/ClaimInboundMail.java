package ru.supportgateway.email.intake;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Pipeline step 2: takes stored mail for processing, inside the processing transaction. The row locks
 * ({@code FOR UPDATE SKIP LOCKED}) and the state check make processing exactly-once: a row another node
 * or poll holds, or one already settled, is left out, and an empty batch stops the route.
 */
@Component("intakeClaim")
public class ClaimInboundMail {

    private final InboundMessages inbound;

    public ClaimInboundMail(InboundMessages inbound) {
        this.inbound = inbound;
    }

    /** Mail just stored by an intake route (a batch of row ids). */
    public List<Intake> claimNew(Collection<Long> inboundIds) {
        return inbound.lock(inboundIds, InboundState.RECEIVED).stream()
                .map(r -> Intake.claimed(r.id(), r.deskId(), Intake.Phase.NEW, r.raw(), r.receivedAt(), null,
                        r.ackMessageId()))
                .toList();
    }

    /** One stored mail (of a failed batch, or left RECEIVED by a failure or a crash). */
    public List<Intake> claimOne(long inboundId) {
        return claimNew(List.of(inboundId));
    }

    /** A deferred mail whose registration time has come (a row of the deferred poll). */
    public List<Intake> claimDeferred(Map<String, Object> row) {
        long id = ((Number) row.get("id")).longValue();
        return inbound.lock(List.of(id), InboundState.DEFERRED).stream()
                .map(r -> Intake.claimed(r.id(), r.deskId(), Intake.Phase.DEFERRED_DUE, r.raw(), r.receivedAt(),
                        r.registerAt(), r.ackMessageId()))
                .toList();
    }
}
