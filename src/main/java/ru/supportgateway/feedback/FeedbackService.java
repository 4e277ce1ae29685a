package ru.supportgateway.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.escalation.Chain;
import ru.supportgateway.escalation.EscalationProperties;
import ru.supportgateway.escalation.EscalationRule;
import ru.supportgateway.escalation.Level;
import ru.supportgateway.escalation.Tokens;
import ru.supportgateway.journal.Actors;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.EventKind;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.JournalEvent;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.StatusLinks;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.journal.RequestStatus;

/**
 * The feedback service: parents ask (form, API, email), holders answer through their links, parents
 * follow their question and may ask again. A question to the school is registered in the feedback
 * desk's journal and handed to the school's deputy head; a technical one goes straight to the technical
 * desk's journal. Each public method is one transaction: journal, chain, mail (outbox) commit together.
 */
@Service
public class FeedbackService {

    /** Longest answer a holder may type (the question is 500; answers may explain more). */
    public static final int MAX_ANSWER = 5000;

    private final Questions questions;
    private final QuestionCheck check;
    private final Directory directory;
    private final Chain chain;
    private final EscalationRule rule;
    private final Journal journal;
    private final JournalQueries journalQueries;
    private final Correspondence correspondence;
    private final FeedbackNotices notices;
    private final Desks desks;
    private final EscalationProperties chainSettings;
    private final FeedbackProperties settings;
    private final StatusLinks links;
    private final JdbcClient jdbc;
    private final Clock clock;

    public FeedbackService(Questions questions, QuestionCheck check, Directory directory, Chain chain,
                           EscalationRule rule, Journal journal, JournalQueries journalQueries,
                           Correspondence correspondence, FeedbackNotices notices, Desks desks,
                           EscalationProperties chainSettings, FeedbackProperties settings, StatusLinks links, JdbcClient jdbc,
                           Clock clock) {
        this.questions = questions;
        this.check = check;
        this.directory = directory;
        this.chain = chain;
        this.rule = rule;
        this.journal = journal;
        this.journalQueries = journalQueries;
        this.correspondence = correspondence;
        this.notices = notices;
        this.desks = desks;
        this.chainSettings = chainSettings;
        this.settings = settings;
        this.links = links;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the applicant is told: the number, and the status link (also mailed). */
    public record Registered(String number, String statusToken, String statusUrl) {
    }

    /**
     * Registers a question from the form or the API: checks it, applies the rate limit, registers it in
     * the journal, hands it to its first holder and mails the applicant the number and the status link.
     *
     * @throws InvalidQuestionException   naming what is wrong, in Russian
     * @throws TooManyQuestionsException  when the address or the applicant asked too often lately
     */
    @Transactional
    public Registered ask(NewQuestion q) {
        return register(q, null);
    }

    /** @param messageId the applicant's letter's Message-ID (email), kept so replies naming it thread here */
    private Registered register(NewQuestion q, @Nullable String messageId) {
        Organisation school = check.check(q);
        rateLimit(q);
        Instant now = clock.instant();
        Rubric rubric = q.rubric();
        boolean technical = rubric == Rubric.TECHNICAL;
        Desk desk = desks.get(technical ? chainSettings.technicalDesk() : chainSettings.desk());
        RegisteredRequest request = journal.register(NewRequest.builder(desk.id(), desk.zone(), Channel.FEEDBACK)
                .subject(rubric.label() + ": " + school.name())
                .description(q.text())
                .organisation(school.name())
                .person(q.name())
                .contactEmail(q.email())
                .dueAt(technical ? rule.technicalDeadline(now) : null)
                .registeredBy(q.source() == NewQuestion.Source.EMAIL ? "email" : "system")
                .build());
        String token = Tokens.newToken();
        long id = questions.insert(request.id(), request.number(), rubric, school.id(), q, token, now);
        correspondence.add(new Correspondence.NewMessage(request.id(), Correspondence.Direction.IN,
                Correspondence.Kind.EMAIL, now, q.email(), q.email(), null, rubric.label(), messageId, q.text(), null,
                q.attachments().stream().map(FeedbackService::attachment).toList()));
        if (technical) {
            chain.beginTechnical(id, request.id());
        } else {
            chain.begin(id);
        }
        Questions.Question saved = questions.find(id).orElseThrow();
        // The receipt joins the correspondence with its Message-ID, so the parent's reply to it threads here.
        FeedbackNotices.Sent receipt = notices.registered(saved, school);
        correspondence.add(new Correspondence.NewMessage(request.id(), Correspondence.Direction.OUT,
                Correspondence.Kind.EMAIL, now, Actors.SYSTEM, receipt.from(), receipt.to(), receipt.subject(),
                receipt.messageId(), receipt.body(), null, List.of()));
        return new Registered(request.number(), token, links.linkTo("/feedback/status/" + token));
    }

    /**
     * For the email intake: a letter to a school's feedback address is a question to the school
     * ({@link Rubric#SCHOOL}), checked like the form (500 characters, one pdf/jpg/png/docx attachment of
     * at most 5 MB) and rate-limited by the sender's address.
     *
     * @param attachments the letter's real attachments (not inline images of a signature)
     * @throws InvalidQuestionException  the intake should answer the sender with its message
     * @throws TooManyQuestionsException the sender wrote too often lately
     */
    public Registered askByEmail(long schoolId, String name, String email, String text, List<Upload> attachments) {
        return askByEmail(schoolId, name, email, text, attachments, null);
    }

    /**
     * As {@link #askByEmail(long, String, String, String, List)}, keeping the letter's Message-ID so a
     * later letter naming it (a reply-all, a resend) joins the same request. The refusals are thrown
     * before anything is written and must not doom the intake's transaction, which answers the sender
     * and records the refusal: hence {@code noRollbackFor}.
     */
    @Transactional(noRollbackFor = {InvalidQuestionException.class, TooManyQuestionsException.class})
    public Registered askByEmail(long schoolId, String name, String email, String text, List<Upload> attachments,
                                 @Nullable String messageId) {
        return register(new NewQuestion(schoolId, Rubric.SCHOOL, name, email, text, attachments,
                NewQuestion.Source.EMAIL, null), messageId);
    }

    // ---------------------------------------------------------------- the applicant's status page

    public record StepLine(String levelLabel, @Nullable String holderName, Instant startedAt, @Nullable Instant deadline,
                           @Nullable Instant endedAt, @Nullable String outcomeLabel) {
    }

    public record AnswerLine(Instant at, String byLabel, String text) {
    }

    /** What the applicant sees about their question. */
    public record StatusView(String number, String rubricLabel, String schoolName, Instant createdAt, String text,
                             String level, String holderLabel, boolean answered, @Nullable Instant deadline,
                             List<StepLine> steps, List<AnswerLine> answers, boolean canRepeat, int repeatCount,
                             List<String> attachmentNames, @Nullable String techNumber) {
    }

    @Transactional(readOnly = true)
    public Optional<StatusView> status(String token) {
        return findByToken(token).map(this::view);
    }

    /**
     * The applicant is not satisfied with the answer and asks again: counted in the journal
     * ({@link Journal#recordRepeat}), the holder who answered gets it back with a new deadline, and the
     * {@code repeatsToNotify}-th repeat notifies the regional department.
     *
     * @throws IllegalStateException when there is no answer yet to repeat against
     */
    @Transactional
    public StatusView repeat(String token, @Nullable String comment) {
        Questions.Question q = findByToken(token).orElseThrow(QuestionNotFoundException::new);
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > FeedbackProperties.MAX_TEXT) {
            throw new InvalidQuestionException(Map.of("comment", "Комментарий не должен превышать %d символов (сейчас %d)."
                    .formatted(FeedbackProperties.MAX_TEXT, note.length())));
        }
        if (!canRepeat(q)) {
            throw new IllegalStateException("Повторить вопрос можно после того, как на него ответят.");
        }
        String journalNumber = q.level() == Level.TECHNICAL ? questions.requestNumber(q.techRequestId()) : q.number();
        journal.recordRepeat(journalNumber, "system", note == null ? "Заявителя не устроил ответ" : note);
        int repeats = questions.countRepeat(q.id());
        chain.reopen(q.id());
        if (repeats >= settings.repeatsToNotify() && questions.markDepartmentNotified(q.id(), clock.instant())) {
            notices.departmentNotice(questions.find(q.id()).orElseThrow(), repeats);
        }
        return view(questions.find(q.id()).orElseThrow());
    }

    // ---------------------------------------------------------------- the holder's answer page

    /** What a holder sees through their answer link. */
    public record HolderView(String number, String schoolName, String rubricLabel, String text, String applicantName,
                             Instant askedAt, String levelLabel, @Nullable String holderName, @Nullable Instant deadline,
                             boolean current, boolean canPassOn, String nowHeldBy, @Nullable String outcomeLabel,
                             List<Correspondence.AttachmentInfo> attachments, int repeatCount,
                             List<AnswerLine> earlierAnswers) {
    }

    @Transactional(readOnly = true)
    public Optional<HolderView> holderView(String answerToken) {
        return chain.stepByToken(answerToken).map(step -> {
            Questions.Question q = questions.find(step.questionId()).orElseThrow();
            Organisation school = directory.find(q.schoolId()).orElseThrow();
            return new HolderView(q.number(), school.name(), q.rubric().label(), q.text(), q.applicantName(),
                    q.createdAt(), step.level().label(), step.holderName(), step.deadline(), step.current(),
                    step.current() && step.level() == Level.DEPUTY, q.level().label(),
                    step.outcome() == null ? null : outcomeLabel(step.outcome()), questionAttachments(q),
                    q.repeatCount(), answers(q));
        });
    }

    /**
     * The holder answers: the answer goes to the applicant by email and to the status page, the journal
     * request is resolved, and the climb stops.
     *
     * @throws IllegalStateException when the link's step is no longer current (escalated or answered)
     */
    @Transactional
    public void answer(String answerToken, String text) {
        Chain.StepView step = chain.stepByToken(answerToken).orElseThrow(QuestionNotFoundException::new);
        String answer = text == null ? "" : text.replace("\r\n", "\n").strip();
        if (answer.isEmpty()) {
            throw new InvalidQuestionException(Map.of("text", "Напишите текст ответа."));
        }
        if (answer.length() > MAX_ANSWER) {
            throw new InvalidQuestionException(Map.of("text", "Ответ не должен превышать %d символов (сейчас %d)."
                    .formatted(MAX_ANSWER, answer.length())));
        }
        if (!step.current() || !chain.answer(step.questionId(), step.seq(), answer)) {
            throw new IllegalStateException(notCurrentMessage(step.questionId()));
        }
        Questions.Question q = questions.find(step.questionId()).orElseThrow();
        String by = actor(step);
        String messageId = notices.answered(q, answer, step.level().label());
        Desk desk = desks.get(chainSettings.desk());
        correspondence.add(new Correspondence.NewMessage(q.requestId(), Correspondence.Direction.OUT,
                Correspondence.Kind.EMAIL, clock.instant(), by, desk.email().map(Desk.EmailSettings::address).orElse(null),
                q.applicantEmail(), "Ответ на вопрос " + q.number(), messageId, answer, null, List.of()));
        journal.record(q.number(), EventKind.REPLY_SENT, by, answer, Map.of("to", q.applicantEmail(),
                "messageId", messageId, "level", step.level().name()));
        JournalRequest request = journalQueries.find(q.number()).orElseThrow();
        if (request.status().canMoveTo(RequestStatus.RESOLVED)) {
            journal.moveStatus(q.number(), RequestStatus.RESOLVED, by, "Ответ отправлен заявителю");
        }
    }

    /**
     * The deputy head passes the question on as not the school's matter («Вне компетенции»): it is
     * registered in the technical desk's journal (with the applicant's attachment) and follows the
     * incident process there; the school's request is closed with a reference to it.
     *
     * @return the technical desk's request number
     */
    @Transactional
    public String passOn(String answerToken, @Nullable String comment) {
        Chain.StepView step = chain.stepByToken(answerToken).orElseThrow(QuestionNotFoundException::new);
        if (!step.current() || step.level() != Level.DEPUTY) {
            throw new IllegalStateException(step.current()
                    ? "Передать вопрос как не относящийся к компетенции школы может только заместитель директора."
                    : notCurrentMessage(step.questionId()));
        }
        Questions.Question q = questions.find(step.questionId()).orElseThrow();
        Organisation school = directory.find(q.schoolId()).orElseThrow();
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        String by = actor(step);
        Instant now = clock.instant();
        Desk tech = desks.get(chainSettings.technicalDesk());
        RegisteredRequest registered = journal.register(NewRequest.builder(tech.id(), tech.zone(), Channel.FEEDBACK)
                .subject("Вне компетенции школы: " + school.name())
                .description(q.text())
                .organisation(school.name())
                .person(q.applicantName())
                .contactEmail(q.applicantEmail())
                .additionalInfo("Передано из " + q.number() + (note == null ? "" : ". Комментарий школы: " + note))
                .dueAt(rule.technicalDeadline(now))
                .registeredBy(by)
                .build());
        for (Correspondence.Item item : correspondence.of(q.requestId())) {
            if (item.direction() == Correspondence.Direction.IN) {
                List<Correspondence.Attachment> files = new ArrayList<>();
                for (Correspondence.AttachmentInfo a : item.attachments()) {
                    correspondence.attachment(a.id()).ifPresent(c -> files.add(new Correspondence.Attachment(
                            c.fileName(), c.contentType(), a.size(), a.sha256(), c.content())));
                }
                correspondence.add(new Correspondence.NewMessage(registered.id(), item.direction(), item.kind(), item.at(),
                        item.author(), item.from(), item.to(), item.subject(), null, item.textBody(), null, files));
            }
        }
        if (!chain.passToTechnicalDesk(q.id(), step.seq(), registered.id(), note)) {
            throw new IllegalStateException(notCurrentMessage(q.id()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", Level.DEPUTY.name());
        details.put("level", Level.TECHNICAL.name());
        details.put("desk", tech.id());
        details.put("request", registered.number());
        journal.record(q.number(), EventKind.ESCALATED, by, "Вне компетенции школы: вопрос передан — "
                + tech.name() + ", обращение " + registered.number() + (note == null ? "" : ". " + note), details);
        JournalRequest request = journalQueries.find(q.number()).orElseThrow();
        if (request.status().canMoveTo(RequestStatus.CLOSED)) {
            journal.moveStatus(q.number(), RequestStatus.CLOSED, by, "Передано в " + registered.number());
        }
        // The parent learns the new number; the mail joins the technical request so their reply threads there.
        FeedbackNotices.Sent told = notices.passedOn(q, school, tech, registered.number());
        correspondence.add(new Correspondence.NewMessage(registered.id(), Correspondence.Direction.OUT,
                Correspondence.Kind.EMAIL, now, Actors.SYSTEM, told.from(), told.to(), told.subject(), told.messageId(),
                told.body(), null, List.of()));
        return registered.number();
    }

    /** The question's attachment for a holder's link (only the question's own files). */
    @Transactional(readOnly = true)
    public Optional<Correspondence.AttachmentContent> attachmentForHolder(String answerToken, long attachmentId) {
        return chain.stepByToken(answerToken).flatMap(step -> {
            Questions.Question q = questions.find(step.questionId()).orElseThrow();
            return correspondence.attachment(attachmentId).filter(a -> a.requestId() == q.requestId());
        });
    }

    /** Schools for the form's list, with their municipality's name, by municipality then name. */
    @Transactional(readOnly = true)
    public Map<String, List<Organisation>> schoolsByMunicipality() {
        Map<Long, String> municipalities = new LinkedHashMap<>();
        directory.ofKind(OrgKind.MUNICIPALITY).forEach(m -> municipalities.put(m.id(), m.name()));
        Map<String, List<Organisation>> result = new java.util.TreeMap<>();
        for (Organisation s : directory.ofKind(OrgKind.SCHOOL)) {
            result.computeIfAbsent(municipalities.getOrDefault(s.parentId(), "—"), k -> new ArrayList<>()).add(s);
        }
        return result;
    }

    // ---------------------------------------------------------------- internals

    private void rateLimit(NewQuestion q) {
        Instant now = clock.instant();
        Instant since = now.minus(settings.rateWindow());
        // Serialise concurrent submissions of one address/applicant so that the count below is exact.
        if (q.clientIp() != null) {
            lock("feedback-ip:" + q.clientIp());
            if (questions.countSinceByIp(q.clientIp(), since, now) >= settings.ratePerIp()) {
                throw new TooManyQuestionsException(settings.rateWindow());
            }
        }
        lock("feedback-email:" + q.email().toLowerCase(java.util.Locale.ROOT));
        if (questions.countSinceByEmail(q.email(), since, now) >= settings.ratePerEmail()) {
            throw new TooManyQuestionsException(settings.rateWindow());
        }
    }

    private void lock(String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param(key).query(Object.class).single();
    }

    private Optional<Questions.Question> findByToken(String token) {
        return Tokens.wellFormed(token) ? questions.findByStatusToken(token) : Optional.empty();
    }

    private StatusView view(Questions.Question q) {
        Organisation school = directory.find(q.schoolId()).orElseThrow();
        List<StepLine> steps = questions.steps(q.id()).stream().map(s -> new StepLine(s.level().label(), s.holderName(),
                s.startedAt(), s.deadline(), s.endedAt(), s.outcome() == null ? null : outcomeLabel(s.outcome()))).toList();
        String techNumber = q.techRequestId() == null ? null : questions.requestNumber(q.techRequestId());
        boolean answered = q.state() == Chain.State.ANSWERED || (q.level() == Level.TECHNICAL && technicalAnswered(q));
        return new StatusView(q.number(), q.rubric().label(), school.name(), q.createdAt(), q.text(), q.level().name(),
                q.level().label(), answered, answered ? null : q.deadline(), steps, answers(q), canRepeat(q),
                q.repeatCount(), questionAttachments(q).stream().map(Correspondence.AttachmentInfo::fileName).toList(),
                techNumber);
    }

    /**
     * Answers sent to the applicant, from the journal's REPLY_SENT history (its note is the answer as
     * typed, without the mail's greeting): the holders' in the question's own request, the technical
     * desk operators' in the technical desk's request.
     */
    private List<AnswerLine> answers(Questions.Question q) {
        List<AnswerLine> lines = new ArrayList<>();
        List<Long> requests = new ArrayList<>(List.of(q.requestId()));
        if (q.techRequestId() != null && !q.techRequestId().equals(q.requestId())) {
            requests.add(q.techRequestId());
        }
        for (long requestId : requests) {
            for (JournalEvent e : journalQueries.history(requestId)) {
                if (e.kind() == EventKind.REPLY_SENT && e.note() != null) {
                    Object level = e.details().get("level");
                    String by = level == null ? Level.TECHNICAL.label() : Level.valueOf(level.toString()).label();
                    lines.add(new AnswerLine(e.at(), by, e.note()));
                }
            }
        }
        lines.sort(Comparator.comparing(AnswerLine::at));
        return lines;
    }

    private boolean canRepeat(Questions.Question q) {
        return q.level() == Level.TECHNICAL ? technicalAnswered(q) : q.state() == Chain.State.ANSWERED;
    }

    /** The technical desk answered since the question was (re)opened. */
    private boolean technicalAnswered(Questions.Question q) {
        return q.techRequestId() != null && jdbc.sql("""
                SELECT count(*) FROM request_event WHERE request_id = ? AND kind = 'REPLY_SENT' AND at >= ?""")
                .params(q.techRequestId(), java.sql.Timestamp.from(q.clockBase())).query(Integer.class).single() > 0;
    }

    private List<Correspondence.AttachmentInfo> questionAttachments(Questions.Question q) {
        return correspondence.of(q.requestId()).stream().filter(i -> i.direction() == Correspondence.Direction.IN)
                .flatMap(i -> i.attachments().stream()).toList();
    }

    private String notCurrentMessage(long questionId) {
        Questions.Question q = questions.find(questionId).orElseThrow();
        return q.state() == Chain.State.ANSWERED && q.level() != Level.TECHNICAL
                ? "На этот вопрос уже ответили."
                : "Срок ответа по этой ссылке истёк: вопрос сейчас у получателя «" + q.level().label() + "».";
    }

    private static String actor(Chain.StepView step) {
        return (step.holderName() == null ? "" : step.holderName() + " ") + "(" + step.level().label() + ")";
    }

    private static String outcomeLabel(Chain.Outcome o) {
        return switch (o) {
            case ANSWERED -> "дан ответ";
            case ESCALATED -> "срок истёк, передано выше";
            case OUT_OF_COMPETENCE -> "вне компетенции школы, передано в службу технической поддержки";
            case REPEATED -> "заявитель повторил вопрос";
        };
    }

    private static Correspondence.Attachment attachment(Upload u) {
        byte[] bytes = u.content();
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String name = u.fileName().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        return new Correspondence.Attachment(name.getBytes(StandardCharsets.UTF_8).length > 255 ? name.substring(0, 100) : name,
                QuestionCheck.contentType(u.fileName()), bytes.length, sha, bytes);
    }
}
