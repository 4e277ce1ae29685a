package ru.supportgateway.email.intake;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Pipeline step 2: takes a stored mail for processing, inside the processing transaction. The row lock
 * ({@code FOR UPDATE SKIP LOCKED}) and the state check make processing exactly-once: another node or
 * poll holding the row, or a row already settled, gives {@code null} and the route stops.
 */
@Component("intakeClaim")
public class ClaimInboundMail {

    private final InboundMessages inbound;

    public ClaimInboundMail(InboundMessages inbound) {
        this.inbound = inbound;
    }

    /** A mail just stored (or left RECEIVED by a failure or a crash). */
    public Intake claimNew(long inboundId) {
        return inbound.lock(inboundId, InboundState.RECEIVED)
                .map(r -> Intake.claimed(r.id(), r.deskId(), Intake.Phase.NEW, r.raw(), r.receivedAt(), null,
                        r.ackMessageId()))
                .orElse(null);
    }

    /** A deferred mail whose registration time has come (a row of the deferred poll). */
    public Intake claimDeferred(Map<String, Object> row) {
        long id = ((Number) row.get("id")).longValue();
        return inbound.lock(id, InboundState.DEFERRED)
                .map(r -> Intake.claimed(r.id(), r.deskId(), Intake.Phase.DEFERRED_DUE, r.raw(), r.receivedAt(),
                        r.registerAt(), r.ackMessageId()))
                .orElse(null);
    }
}
