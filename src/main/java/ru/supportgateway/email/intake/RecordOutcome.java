package ru.supportgateway.email.intake;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import ru.supportgateway.email.MailAddress;

/** Pipeline step 8: writes where each mail stands now, in the same transaction as everything it caused. */
@Component("intakeFinish")
public class RecordOutcome {

    private final InboundMessages inbound;
    private final Clock clock;

    public RecordOutcome(InboundMessages inbound, Clock clock) {
        this.inbound = inbound;
        this.clock = clock;
    }

    public List<Intake> record(List<Intake> batch) {
        inbound.settle(batch.stream().map(RecordOutcome::settlement).toList(), clock.instant());
        return batch;
    }

    private static InboundMessages.Settlement settlement(Intake in) {
        if (!in.settled()) {
            throw new IllegalStateException(in + " reached the end of the pipeline unsettled");
        }
        String reason = in.outcome().reason() != null ? in.outcome().reason() : in.note();
        MailAddress from = in.mail() == null ? null : in.mail().from();
        return new InboundMessages.Settlement(in.inboundId(), in.outcome().kind().state(), reason,
                in.request() == null ? null : in.request().id(),
                in.outcome().kind().state() == InboundState.DEFERRED ? in.registerAt() : null,
                in.ackMessageId(),
                in.mail() == null ? null : in.mail().messageId(),
                from == null ? null : MailRecords.display(from),
                in.mail() == null ? null : in.mail().subject().replace("\u0000", ""));
    }
}
