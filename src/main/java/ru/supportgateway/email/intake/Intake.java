package ru.supportgateway.email.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import ru.supportgateway.email.AutoMailVerdict;
import ru.supportgateway.email.MailAttachment;
import ru.supportgateway.email.ParsedMail;

/**
 * One stored mail on its way through the intake pipeline (the body of the Camel exchange). Each step
 * returns a copy with what it found; a step that settles the mail (quarantined, threaded, registered...)
 * sets {@link #outcome()}, and the steps after it pass a settled mail on untouched except where they
 * have something to add (the acknowledgement).
 *
 * @param raw the raw bytes as stored; not copied (the pipeline never changes them)
 */
public record Intake(long inboundId, String deskId, Phase phase, byte[] raw, Instant receivedAt, Instant registerAt,
                     ParsedMail mail, AutoMailVerdict verdict, List<MailAttachment> refused, Outcome outcome,
                     Request request, String ackMessageId, String note) {

    /** Which poll brought the mail: new mail, or deferred mail whose registration time has come. */
    public enum Phase { NEW, DEFERRED_DUE }

    /** What happened to the mail. */
    public enum Kind {
        /** Registered during working hours. */
        REGISTERED_IN_HOURS(InboundState.REGISTERED),
        /** Registered after hours at a 24x7 desk; processing starts at the next opening. */
        REGISTERED_AFTER_HOURS(InboundState.REGISTERED),
        /** Deferred mail registered at the desk's opening. */
        REGISTERED_AT_OPENING(InboundState.REGISTERED),
        /** A letter to a school's feedback address, registered as a question to the school (its own receipt). */
        REGISTERED_AS_FEEDBACK(InboundState.REGISTERED),
        /** A letter to a school's feedback address that the feedback service refused; the sender is told why. */
        FEEDBACK_REFUSED(InboundState.REFUSED),
        /** Waits for the next opening. */
        DEFERRED(InboundState.DEFERRED),
        /** A reply to a deferred mail: it will be threaded when that mail is registered. */
        DEFERRED_FOLLOW_UP(InboundState.DEFERRED),
        /** Added to an existing request. */
        THREADED(InboundState.THREADED),
        QUARANTINED(InboundState.QUARANTINED),
        IGNORED(InboundState.IGNORED);

        private final InboundState state;

        Kind(InboundState state) {
            this.state = state;
        }

        public InboundState state() {
            return state;
        }
    }

    /** @param reason why (quarantine, ignore); null otherwise */
    public record Outcome(Kind kind, String reason) {
        public Outcome {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * The request the mail belongs to, as the acknowledgement quotes it.
     *
     * @param statusToken the token of the applicant's status page when known (null: looked up when needed)
     */
    public record Request(long id, String number, Instant registeredAt, Instant dueAt, String statusToken) {
    }

    public Intake {
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    static Intake claimed(long id, String deskId, Phase phase, byte[] raw, Instant receivedAt, Instant registerAt,
                          String ackMessageId) {
        return new Intake(id, deskId, phase, raw, receivedAt, registerAt, null, null, List.of(), null, null,
                ackMessageId, null);
    }

    public boolean settled() {
        return outcome != null;
    }

    /** True when a person (not a robot) wrote the mail, as far as the loop guard can tell. */
    public boolean human() {
        return verdict == null || !verdict.automatic();
    }

    Intake withMail(ParsedMail m, List<MailAttachment> refusedAttachments) {
        return new Intake(inboundId, deskId, phase, raw, receivedAt, registerAt, m, verdict, refusedAttachments,
                outcome, request, ackMessageId, note);
    }

    Intake withVerdict(AutoMailVerdict v) {
        return new Intake(inboundId, deskId, phase, raw, receivedAt, registerAt, mail, v, refused, outcome, request,
                ackMessageId, note);
    }

    Intake settle(Kind kind, String reason) {
        return new Intake(inboundId, deskId, phase, raw, receivedAt, registerAt, mail, verdict, refused,
                new Outcome(kind, reason), request, ackMessageId, note);
    }

    Intake settle(Kind kind, Request r) {
        return new Intake(inboundId, deskId, phase, raw, receivedAt, registerAt, mail, verdict, refused,
                new Outcome(kind, null), r, ackMessageId, note);
    }

    Intake deferUntil(Instant at, Kind kind) {
        return new Intake(inboundId, deskId, phase, raw, receivedAt, at, mail, verdict, refused,
                new Outcome(kind, null), request, ackMessageId, note);
    }

    Intake withAck(String messageId, String why) {
        return new Intake(inboundId, deskId, phase, raw, receivedAt, registerAt, mail, verdict, refused, outcome,
                request, messageId, why);
    }

    @Override
    public String toString() {
        return "Intake[inbound " + inboundId + ", desk " + deskId + ", " + phase
                + (outcome == null ? "" : ", " + outcome.kind()) + "]";
    }
}
