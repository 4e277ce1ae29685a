package ru.supportgateway.feedback;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.MailTemplates;
import ru.supportgateway.email.Outbox;
import ru.supportgateway.email.OutgoingMail;
import ru.supportgateway.escalation.ChainListener;
import ru.supportgateway.escalation.EscalationProperties;
import ru.supportgateway.escalation.Handover;
import ru.supportgateway.escalation.Level;
import ru.supportgateway.journal.Actors;
import ru.supportgateway.journal.EventKind;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalEvent;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.StatusLinks;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestChanges;

/**
 * Every mail of the feedback service (templates {@code templates/mail/feedback-*.txt}) and the history
 * rows that go with the chain's moves. Runs inside the caller's transaction: the outbox row commits
 * with the move it announces.
 */
@Component
public class FeedbackNotices implements ChainListener {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final Questions questions;
    private final Directory directory;
    private final Journal journal;
    private final JournalQueries journalQueries;
    private final Outbox outbox;
    private final MailTemplates templates;
    private final Desks desks;
    private final EscalationProperties chainSettings;
    private final StatusLinks links;

    public FeedbackNotices(Questions questions, Directory directory, Journal journal, JournalQueries journalQueries,
                           Outbox outbox, MailTemplates templates, Desks desks, EscalationProperties chainSettings,
                           StatusLinks links) {
        this.questions = questions;
        this.directory = directory;
        this.journal = journal;
        this.journalQueries = journalQueries;
        this.outbox = outbox;
        this.templates = templates;
        this.desks = desks;
        this.chainSettings = chainSettings;
        this.links = links;
    }

    @Override
    public void handedOver(Handover h) {
        Questions.Question q = questions.find(h.questionId()).orElseThrow();
        Organisation school = directory.find(q.schoolId()).orElseThrow();
        Map<String, Object> vars = base(q, school);
        vars.put("holderName", h.holder().name());
        vars.put("holderOrganisation", h.holder().organisation());
        vars.put("levelLabel", h.holder().level().label());
        vars.put("deadline", format(h.deadline()));
        vars.put("answerUrl", links.linkTo("/feedback/answer/" + h.answerToken()));
        vars.put("reason", h.reason().name());
        vars.put("fromLabel", h.from() == null ? null : h.from().label());
        vars.put("canPassOn", h.holder().level() == Level.DEPUTY);
        vars.put("repeatNote", h.reason() == Handover.Reason.REPEATED ? lastRepeatNote(q.requestId()).orElse(null) : null);
        vars.put("repeatCount", q.repeatCount());
        send(q.requestId(), h.holder().email(), "feedback-holder", vars, OutgoingMail.Kind.NOTICE);

        String holder = h.holder().level().label() + " — " + h.holder().name() + " (" + h.holder().organisation() + ")";
        String until = h.deadline() == null ? "" : ", срок ответа до " + format(h.deadline());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("step", h.step());
        details.put("level", h.holder().level().name());
        details.put("holder", h.holder().name());
        details.put("holderEmail", h.holder().email());
        details.put("deadline", h.deadline() == null ? null : h.deadline().toString());
        switch (h.reason()) {
            case NEW -> journal.record(q.number(), EventKind.NOTE, Actors.SYSTEM, "Вопрос направлен: " + holder + until, details);
            case ESCALATED -> {
                details.put("from", h.from().name());
                journal.record(q.number(), EventKind.ESCALATED, Actors.SYSTEM,
                        "Срок ответа (" + h.from().label() + ") истёк, вопрос передан: " + holder + until, details);
            }
            case REPEATED -> journal.record(q.number(), EventKind.NOTE, Actors.SYSTEM,
                    "Повторный вопрос направлен: " + holder + until, details);
        }
        if (h.deadline() != null) {
            journal.updateFields(q.number(), RequestChanges.none().withDueAt(h.deadline()), Actors.SYSTEM);
        }
    }

    @Override
    public void technicalDeadlineNear(long questionId, long techRequestId, Instant deadline) {
        Questions.Question q = questions.find(questionId).orElseThrow();
        JournalRequest tech = journalQueries.find(questions.requestNumber(techRequestId)).orElseThrow();
        journal.record(tech.number(), EventKind.NOTE, Actors.SYSTEM,
                "Срок ответа заявителю истекает " + format(deadline) + ": ответ ещё не отправлен.",
                Map.of("deadline", deadline.toString(), "warning", "DEADLINE_NEAR"));
        Optional<String> to = technicalDeskContact();
        if (to.isPresent()) {
            Map<String, Object> vars = base(q, directory.find(q.schoolId()).orElseThrow());
            vars.put("techNumber", tech.number());
            vars.put("deadline", format(deadline));
            send(tech.id(), to.get(), "feedback-technical-warning", vars, OutgoingMail.Kind.NOTICE);
        }
    }

    /** A mail as queued: what the request's correspondence keeps of it. */
    record Sent(String messageId, String from, String to, String subject, String body) {
    }

    /** The applicant's receipt: the number and the status link. */
    Sent registered(Questions.Question q, Organisation school) {
        Map<String, Object> vars = base(q, school);
        vars.put("holderLabel", q.level().label());
        return send(desks.get(chainSettings.desk()), q.requestId(), q.applicantEmail(), "feedback-registered", vars,
                OutgoingMail.Kind.ACKNOWLEDGEMENT);
    }

    /**
     * The applicant is told that the deputy head passed the question on to the technical desk, with its
     * number there. Sent from the technical desk's address under its number, so a reply reaches that desk
     * and threads into its request.
     */
    Sent passedOn(Questions.Question q, Organisation school, Desk tech, String techNumber) {
        Map<String, Object> vars = base(q, school);
        vars.put("techNumber", techNumber);
        vars.put("techTag", "[" + techNumber + "]");
        vars.put("techDeskName", tech.name());
        vars.put("techDays", chainSettings.technicalDays());
        long techRequestId = journalQueries.find(techNumber).orElseThrow().id();
        return send(tech.email().isPresent() ? tech : desks.get(chainSettings.desk()), techRequestId,
                q.applicantEmail(), "feedback-passed-on", vars, OutgoingMail.Kind.NOTICE);
    }

    /** The answer, to the applicant. Returns the mail's Message-ID. */
    String answered(Questions.Question q, String answer, String byLabel) {
        Map<String, Object> vars = base(q, directory.find(q.schoolId()).orElseThrow());
        vars.put("answer", answer);
        vars.put("byLabel", byLabel);
        return send(q.requestId(), q.applicantEmail(), "feedback-answer", vars, OutgoingMail.Kind.ANSWER);
    }

    /** The regulation's notice to the regional department about a question asked again and again. */
    boolean departmentNotice(Questions.Question q, int repeats) {
        Organisation school = directory.find(q.schoolId()).orElseThrow();
        Optional<Organisation.Person> head = directory.department(school).map(d -> d.person(PersonRole.RESPONSIBLE));
        if (head.isEmpty()) {
            return false;
        }
        Map<String, Object> vars = base(q, school);
        vars.put("holderName", head.get().fullName());
        vars.put("repeatCount", repeats);
        vars.put("holderLabel", q.level().label());
        vars.put("steps", questions.steps(q.id()).stream().map(s -> "%s: %s%s".formatted(format(s.startedAt()),
                s.level().label(), s.holderName() == null ? "" : " (" + s.holderName() + ")")).toList());
        vars.put("answers", questions.steps(q.id()).stream().filter(s -> s.answerText() != null
                && s.outcome() == ru.supportgateway.escalation.Chain.Outcome.ANSWERED)
                .map(s -> s.level().label() + ": " + s.answerText()).toList());
        send(q.requestId(), head.get().email(), "feedback-repeat-department", vars, OutgoingMail.Kind.NOTICE);
        journal.record(q.number(), EventKind.NOTE, Actors.SYSTEM, "Повторное обращение № " + repeats
                + ": уведомлен департамент образования (" + head.get().fullName() + ")", Map.of("to", head.get().email()));
        return true;
    }

    /** An instant as the pages and mails show it: in the chain desk's zone, with the zone named. */
    public String format(@Nullable Instant t) {
        return t == null ? null : DATE_TIME.format(t.atZone(zone())) + " (" + zone().getId() + ")";
    }

    ZoneId zone() {
        return desks.get(chainSettings.desk()).zone();
    }

    /** The technical desk's responsible person in the directory (a DESK entry for that desk), if any. */
    private Optional<String> technicalDeskContact() {
        return directory.ofKind(OrgKind.DESK).stream()
                .filter(o -> chainSettings.technicalDesk().equals(o.deskId()))
                .map(o -> o.person(PersonRole.RESPONSIBLE) != null ? o.person(PersonRole.RESPONSIBLE).email() : o.email())
                .filter(e -> e != null && !e.isBlank())
                .findFirst();
    }

    private Optional<String> lastRepeatNote(long requestId) {
        List<JournalEvent> history = journalQueries.history(requestId);
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).kind() == EventKind.REPEAT) {
                return Optional.ofNullable(history.get(i).note());
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> base(Questions.Question q, Organisation school) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("number", q.number());
        vars.put("tag", "[" + q.number() + "]");
        vars.put("name", q.applicantName());
        vars.put("applicantEmail", q.applicantEmail());
        vars.put("schoolName", school.name());
        vars.put("rubricLabel", q.rubric().label());
        vars.put("text", q.text());
        vars.put("statusUrl", links.linkTo("/feedback/status/" + q.statusToken()));
        Desk desk = desks.get(chainSettings.desk());
        vars.put("deskName", desk.name());
        return vars;
    }

    private String send(long requestId, String to, String template, Map<String, Object> vars, OutgoingMail.Kind kind) {
        return send(desks.get(chainSettings.desk()), requestId, to, template, vars, kind).messageId();
    }

    private Sent send(Desk desk, long requestId, String to, String template, Map<String, Object> vars,
                      OutgoingMail.Kind kind) {
        String from = desk.email().map(Desk.EmailSettings::address).orElseThrow(() -> new IllegalStateException(
                "Desk " + desk.id() + " has no email address to send feedback mail from"));
        MailTemplates.Rendered mail = templates.render(template, vars);
        // Automatic notices are marked auto-submitted (RFC 3834) so that out-of-office robots stay quiet;
        // answers are written by people and are not.
        String messageId = outbox.enqueue(new OutgoingMail(desk.id(), requestId, kind, from, to, mail.subject(),
                mail.body(), null, List.of(), kind != OutgoingMail.Kind.ANSWER));
        return new Sent(messageId, from, to, mail.subject(), mail.body());
    }
}
