package ru.supportgateway.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.supportgateway.feedback.FeedbackFixture.latestToken;
import static ru.supportgateway.feedback.FeedbackFixture.queued;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.email.Replies;
import ru.supportgateway.feedback.Directory;
import ru.supportgateway.feedback.FeedbackFixture;
import ru.supportgateway.feedback.FeedbackService;
import ru.supportgateway.feedback.NewQuestion;
import ru.supportgateway.feedback.Questions;
import ru.supportgateway.feedback.Rubric;
import ru.supportgateway.feedback.Upload;
import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.EventKind;
import ru.supportgateway.journal.JournalEvent;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/**
 * Technical questions and questions out of the school's competence go to the technical desk's journal
 * ({@code sc}: Tyumen, Mon–Thu to 17:00, Fri to 16:00), answered by email within 30 calendar days; the
 * desk is warned three days before that deadline.
 */
@GatewayTest
class TechnicalDeskTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    @Autowired FeedbackService feedback;
    @Autowired EscalationClock escalation;
    @Autowired Questions questions;
    @Autowired Directory directory;
    @Autowired JournalQueries journal;
    @Autowired Correspondence correspondence;
    @Autowired Replies replies;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    @AfterEach
    void sendWhatIsDue() {
        FeedbackFixture.drainOutbox(jdbc, clock);
    }

    private Questions.Question askTechnical(FeedbackFixture f, String at) {
        clock.set(at);
        FeedbackService.Registered r = feedback.ask(f.question(Rubric.TECHNICAL, "Не открывается электронный дневник " + f.suffix,
                "tech-" + f.suffix));
        return questions.findByNumber(r.number()).orElseThrow();
    }

    @Test
    void aTechnicalQuestionGoesStraightToTheTechnicalDeskAndItIsWarnedThreeDaysBeforeTheDeadline() {
        FeedbackFixture f = new FeedbackFixture(directory);
        // Monday 2 November 2026, 10:00 in Tyumen; 30 calendar days → Wednesday 2 December, closing 17:00.
        Questions.Question q = askTechnical(f, "2026-11-02T05:00:00Z");
        Instant deadline = Instant.parse("2026-12-02T12:00:00Z");
        JournalRequest request = journal.find(q.number()).orElseThrow();
        assertThat(request.deskId()).isEqualTo("sc");
        assertThat(request.channel()).isEqualTo(Channel.FEEDBACK);
        assertThat(request.contactEmail()).isEqualTo(f.applicant());
        assertThat(request.dueAt()).isEqualTo(deadline);
        assertThat(q.level()).isEqualTo(Level.TECHNICAL);
        assertThat(q.deadline()).isEqualTo(deadline);
        assertThat(feedback.status(q.statusToken()).orElseThrow().holderLabel()).contains("технической поддержки");
        assertThat(queued(jdbc, f.deputy, "")).as("the school is not involved").isZero();

        clock.set(deadline.minusSeconds(3 * 86_400 + 1));
        escalation.warnTechnicalDeadlines();
        assertThat(questions.find(q.id()).orElseThrow().warnedAt()).isNull();

        clock.set(deadline.minusSeconds(3 * 86_400));
        escalation.warnTechnicalDeadlines();
        escalation.warnTechnicalDeadlines();
        assertThat(questions.find(q.id()).orElseThrow().warnedAt()).isEqualTo(deadline.minusSeconds(3 * 86_400));
        assertThat(queued(jdbc, FeedbackFixture.SC_DUTY, q.number())).isEqualTo(1);
        List<JournalEvent> notes = journal.history(request.id()).stream().filter(e -> e.kind() == EventKind.NOTE
                && "DEADLINE_NEAR".equals(e.details().get("warning"))).toList();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).note()).contains("02.12.2026 17:00");
        // It never climbs the school chain.
        clock.set("2027-02-01T05:00:00Z");
        escalation.escalateDue();
        assertThat(questions.find(q.id()).orElseThrow().level()).isEqualTo(Level.TECHNICAL);
    }

    @Test
    void aLastDayOnAWeekendMovesToTheNextWorkingDay() {
        FeedbackFixture f = new FeedbackFixture(directory);
        // Thursday 29 October + 30 days = Saturday 28 November → Monday 30 November, closing 17:00 (Civil Code art. 193).
        Questions.Question q = askTechnical(f, "2026-10-29T05:00:00Z");
        assertThat(q.deadline()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
    }

    @Test
    void anAnsweredTechnicalQuestionIsNotWarnedAboutAndCanBeAskedAgain() {
        FeedbackFixture f = new FeedbackFixture(directory);
        Questions.Question q = askTechnical(f, "2026-11-02T05:00:00Z");
        clock.set("2026-11-03T05:00:00Z");
        replies.send(q.number(), "sc-operator", "Очистите кэш браузера и войдите снова.", RequestStatus.RESOLVED);

        clock.set("2026-11-29T12:00:00Z");
        escalation.warnTechnicalDeadlines();
        assertThat(questions.find(q.id()).orElseThrow().warnedAt()).isNull();
        FeedbackService.StatusView status = feedback.status(q.statusToken()).orElseThrow();
        assertThat(status.answered()).isTrue();
        assertThat(status.answers()).extracting(FeedbackService.AnswerLine::text)
                .containsExactly("Очистите кэш браузера и войдите снова.");
        assertThat(status.canRepeat()).isTrue();

        feedback.repeat(q.statusToken(), "Не помогло");
        assertThat(journal.find(q.number()).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(journal.find(q.number()).orElseThrow().repeatCount()).isEqualTo(1);
        Questions.Question reopened = questions.find(q.id()).orElseThrow();
        // A fresh 30 days from Sun 29 Nov: 29 Dec (Tue), closing 17:00.
        assertThat(reopened.deadline()).isEqualTo(Instant.parse("2026-12-29T12:00:00Z"));
        assertThat(feedback.status(q.statusToken()).orElseThrow().canRepeat()).isFalse();
    }

    @Test
    void theDeputyPassesAQuestionOutOfTheSchoolsCompetenceToTheTechnicalDesksJournal() {
        FeedbackFixture f = new FeedbackFixture(directory);
        clock.set("2026-11-02T05:00:00Z");
        FeedbackService.Registered r = feedback.ask(new NewQuestion(f.school.id(), Rubric.SCHOOL, "Сидорова Анна",
                f.applicant(), "Почему в дневнике нет оценок за четверть? " + f.suffix,
                List.of(new Upload("скриншот.png", "image/png", PNG)), NewQuestion.Source.API, "oc-" + f.suffix));
        String deputyLink = latestToken(jdbc, f.deputy, "/feedback/answer/");
        clock.set("2026-11-02T06:00:00Z");

        String techNumber = feedback.passOn(deputyLink, "Вопрос о работе дневника, не школы");

        assertThat(techNumber).startsWith("SC-");
        JournalRequest tech = journal.find(techNumber).orElseThrow();
        assertThat(tech.deskId()).isEqualTo("sc");
        assertThat(tech.contactEmail()).isEqualTo(f.applicant());
        assertThat(tech.description()).contains("нет оценок за четверть");
        assertThat(tech.additionalInfo()).contains(r.number()).contains("не школы");
        assertThat(tech.dueAt()).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
        assertThat(correspondence.of(tech.id()).stream().flatMap(i -> i.attachments().stream()))
                .extracting(Correspondence.AttachmentInfo::fileName).containsExactly("скриншот.png");

        JournalRequest school = journal.find(r.number()).orElseThrow();
        assertThat(school.status()).isEqualTo(RequestStatus.CLOSED);
        JournalEvent passed = journal.history(school.id()).stream().filter(e -> e.kind() == EventKind.ESCALATED)
                .findFirst().orElseThrow();
        assertThat(passed.details()).containsEntry("request", techNumber).containsEntry("level", "TECHNICAL");

        FeedbackService.StatusView status = feedback.status(r.statusToken()).orElseThrow();
        assertThat(status.level()).isEqualTo("TECHNICAL");
        assertThat(status.techNumber()).isEqualTo(techNumber);
        assertThat(feedback.holderView(deputyLink).orElseThrow().current()).isFalse();
        assertThatThrownBy(() -> feedback.answer(deputyLink, "поздно")).isInstanceOf(IllegalStateException.class);

        // The technical desk answers from its journal; the applicant sees it on the status page.
        replies.send(techNumber, "sc-operator", "Оценки появятся после синхронизации.", RequestStatus.RESOLVED);
        assertThat(feedback.status(r.statusToken()).orElseThrow().answers())
                .extracting(FeedbackService.AnswerLine::text).containsExactly("Оценки появятся после синхронизации.");

        clock.set("2027-02-01T05:00:00Z");
        escalation.escalateDue();
        assertThat(questions.findByNumber(r.number()).orElseThrow().level()).isEqualTo(Level.TECHNICAL);
    }

    @Test
    void onlyTheDeputyMayPassAQuestionOn() {
        FeedbackFixture f = new FeedbackFixture(directory);
        clock.set("2026-10-29T05:00:00Z");
        FeedbackService.Registered r = feedback.ask(f.question(Rubric.SCHOOL, "Вопрос " + f.suffix, "only-" + f.suffix));
        clock.set("2026-11-03T11:00:00Z");
        escalation.escalateDue();
        String directorLink = latestToken(jdbc, f.director, "/feedback/answer/");
        assertThatThrownBy(() -> feedback.passOn(directorLink, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("только заместитель директора");
        assertThat(questions.findByNumber(r.number()).orElseThrow().level()).isEqualTo(Level.DIRECTOR);
    }
}
