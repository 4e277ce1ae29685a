package ru.supportgateway.email.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.ParsedMail;
import ru.supportgateway.email.RequestNumbers;
import ru.supportgateway.email.Threading;
import ru.supportgateway.journal.Actors;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;

/**
 * Pipeline step 5: is this a follow-up of a request of this desk? In-Reply-To/References naming a
 * message of a request (ours or the sender's) come first, then a request number in the subject. A
 * follow-up is added to that request's correspondence (no new request, no new acknowledgement); the
 * applicant's answer to a request awaiting feedback hands it back to the specialist, and a mail about a
 * resolved or closed request reopens it as a repeat. Automatic mail (an out-of-office reply to our
 * acknowledgement) is added but moves nothing.
 */
@Component("intakeThreading")
public class FollowUpThreading {

    private static final Logger log = LoggerFactory.getLogger(FollowUpThreading.class);

    private final Desks desks;
    private final JdbcClient jdbc;
    private final JournalQueries queries;
    private final Journal journal;
    private final Correspondence correspondence;
    private final InboundMessages inbound;

    public FollowUpThreading(Desks desks, JdbcClient jdbc, JournalQueries queries, Journal journal,
                             Correspondence correspondence, InboundMessages inbound) {
        this.desks = desks;
        this.jdbc = jdbc;
        this.queries = queries;
        this.journal = journal;
        this.correspondence = correspondence;
        this.inbound = inbound;
    }

    /**
     * Threads each mail of the batch, in order.
     *
     * @throws FollowsEarlierMailOfBatch when a mail answers an earlier mail of the same batch: that one is not
     *         registered yet, so the batch is rolled back and its mails go through one by one, in order
     */
    public List<Intake> thread(List<Intake> batch) {
        Set<String> earlier = new HashSet<>();
        List<Intake> out = new ArrayList<>(batch.size());
        for (Intake in : batch) {
            if (!in.settled()) {
                for (String id : Threading.candidateMessageIds(in.mail())) {
                    if (earlier.contains(id)) {
                        throw new FollowsEarlierMailOfBatch(in.inboundId(), id);
                    }
                }
            }
            if (in.mail() != null && in.mail().messageId() != null) {
                earlier.add(in.mail().messageId());
            }
            out.add(thread(in));
        }
        return out;
    }

    /** A mail of a batch that answers an earlier mail of the same batch (see {@link #thread(List)}). */
    static final class FollowsEarlierMailOfBatch extends RuntimeException {
        FollowsEarlierMailOfBatch(long inboundId, String messageId) {
            super("inbound mail " + inboundId + " answers <" + messageId + ">, an earlier mail of its batch", null,
                    false, false);
        }
    }

    private Intake thread(Intake in) {
        if (in.settled()) {
            return in;
        }
        Desk desk = desks.get(in.deskId());
        ParsedMail m = in.mail();
        List<String> ids = Threading.candidateMessageIds(m);
        Optional<JournalRequest> target = byMessageId(desk, ids).or(() -> bySubjectNumber(desk, m.subject()));
        if (target.isEmpty()) {
            if (in.phase() == Intake.Phase.NEW) {
                Optional<Long> pending = inbound.deferredWithMessageId(desk.id(), ids);
                if (pending.isPresent()) {
                    // Answers a mail that waits for the desk to open: it joins that mail's request then.
                    log.info("Inbound mail {} answers deferred mail {}: deferred with it", in.inboundId(), pending.get());
                    return in.deferUntil(desk.calendar().nextOpening(in.receivedAt()), Intake.Kind.DEFERRED_FOLLOW_UP);
                }
            }
            if (LoopGuard.notARequest(in.verdict())) {
                return in.settle(Intake.Kind.IGNORED, "not a request: " + in.verdict().reason()
                        + (in.verdict().detail() == null ? "" : " (" + in.verdict().detail() + ")"));
            }
            return in;
        }
        JournalRequest r = target.get();
        correspondence.add(MailRecords.incoming(r.id(), m, in.receivedAt(), desk.email().orElseThrow().address()));
        if (in.human()) {
            switch (r.status()) {
                case AWAITING_FEEDBACK -> journal.moveStatus(r.number(), ru.supportgateway.journal.RequestStatus.IN_PROGRESS,
                        Actors.EMAIL, "Ответ заявителя по электронной почте");
                case RESOLVED, CLOSED -> journal.recordRepeat(r.number(), Actors.EMAIL,
                        "Повторное обращение по электронной почте");
                default -> {
                    // in progress or with the developer: the new letter is in the correspondence, nothing moves
                }
            }
        }
        log.info("Inbound mail {} threaded into request {}", in.inboundId(), r.number());
        return in.settle(Intake.Kind.THREADED, new Intake.Request(r.id(), r.number(), r.registeredAt(), r.dueAt(), null));
    }

    private Optional<JournalRequest> byMessageId(Desk desk, List<String> ids) {
        for (String id : ids) {
            Optional<JournalRequest> r = correspondence.requestOfMessageId(id)
                    .flatMap(requestId -> jdbc.sql("SELECT number FROM request WHERE id = ? AND desk_id = ?")
                            .params(requestId, desk.id()).query(String.class).optional())
                    .flatMap(queries::find);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private Optional<JournalRequest> bySubjectNumber(Desk desk, String subject) {
        return RequestNumbers.findIn(subject)
                .filter(n -> n.startsWith(desk.numberPrefix() + "-"))
                .flatMap(queries::find)
                .filter(r -> r.deskId().equals(desk.id()));
    }
}
