package ru.supportgateway.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.feedback.FeedbackFixture.awaitInbox;
import static ru.supportgateway.feedback.FeedbackFixture.body;
import static ru.supportgateway.feedback.FeedbackFixture.inbox;
import static ru.supportgateway.feedback.FeedbackFixture.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.feedback.Directory;
import ru.supportgateway.feedback.FeedbackFixture;
import ru.supportgateway.feedback.FeedbackService;
import ru.supportgateway.feedback.Questions;
import ru.supportgateway.feedback.Rubric;
import ru.supportgateway.journal.EventKind;
import ru.supportgateway.journal.JournalEvent;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/**
 * The chain of a question to the school, on the feedback desk's calendar (Tyumen, UTC+5, Mon–Fri
 * 08:00–12:00 and 13:00–17:00, Russian production calendar). Expected deadlines are worked out by hand
 * from the calendar's documented rule (Civil Code art. 191: the period starts the day after the event;
 * an event after closing counts from the next working day; the deadline is the last day's closing).
 */
@GatewayTest
class EscalationClockTest {

    @Autowired FeedbackService feedback;
    @Autowired EscalationClock escalation;
    @Autowired Chain chain;
    @Autowired Questions questions;
    @Autowired Directory directory;
    @Autowired JournalQueries journal;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired org.apache.camel.ProducerTemplate camel;

    @org.junit.jupiter.api.AfterEach
    void sendWhatIsDue() {
        FeedbackFixture.drainOutbox(jdbc, clock);
    }

    private Questions.Question ask(FeedbackFixture f, String at) {
        clock.set(at);
        FeedbackService.Registered r = feedback.ask(f.question(Rubric.SCHOOL, "Когда будет родительское собрание? " + f.suffix,
                "ip-" + f.suffix));
        return questions.findByNumber(r.number()).orElseThrow();
    }

    private Questions.Question runAt(Questions.Question q, Instant at) {
        clock.set(at);
        escalation.escalateDue();
        return questions.find(q.id()).orElseThrow();
    }

    private List<JournalEvent> escalations(Questions.Question q) {
        return journal.history(q.requestId()).stream().filter(e -> e.kind() == EventKind.ESCALATED).toList();
    }

    @Test
    void anUnansweredQuestionClimbsDeputyDirectorMunicipalityDepartmentAcrossAWeekendAShortenedDayAndAHoliday()
            throws Exception {
        FeedbackFixture f = new FeedbackFixture(directory);
        // Thursday 29 October 2026, 10:00 in Tyumen.
        Questions.Question q = ask(f, "2026-10-29T05:00:00Z");
        // Deputy: Fri 30 Oct (1), Mon 2 Nov (2), Tue 3 Nov (3) — shortened before the 4 November holiday,
        // so it closes at 16:00 local.
        Instant deputyDeadline = Instant.parse("2026-11-03T11:00:00Z");
        // Director: Wed 4 Nov is a holiday; Thu 5 (1), Fri 6 (2), closing 17:00 local.
        Instant directorDeadline = Instant.parse("2026-11-06T12:00:00Z");
        // Municipality: weekend; Mon 9 (1), Tue 10 (2), Wed 11 (3).
        Instant municipalityDeadline = Instant.parse("2026-11-11T12:00:00Z");

        assertThat(q.level()).isEqualTo(Level.DEPUTY);
        assertThat(q.deadline()).isEqualTo(deputyDeadline);
        MimeMessage toDeputy = awaitInbox(f.deputy, 1).get(0);
        assertThat(toDeputy.getSubject()).contains(q.number()).contains("Новый вопрос");
        assertThat(body(toDeputy)).contains("Когда будет родительское собрание? " + f.suffix)
                .contains("03.11.2026 16:00").contains("/feedback/answer/").contains("Вне компетенции");

        q = runAt(q, deputyDeadline.minusSeconds(1));
        assertThat(q.level()).as("a second before the deadline").isEqualTo(Level.DEPUTY);

        q = runAt(q, deputyDeadline);
        assertThat(q.level()).isEqualTo(Level.DIRECTOR);
        assertThat(q.deadline()).isEqualTo(directorDeadline);
        MimeMessage toDirector = awaitInbox(f.director, 1).get(0);
        assertThat(toDirector.getSubject()).contains("Передан вопрос без ответа");
        assertThat(body(toDirector)).contains("Петров П.П.").contains("06.11.2026 17:00").doesNotContain("Вне компетенции");
        assertThat(token(toDirector, "/feedback/answer/")).isNotEqualTo(token(toDeputy, "/feedback/answer/"));
        assertThat(feedback.status(q.statusToken()).orElseThrow().holderLabel()).isEqualTo("директор");

        q = runAt(q, directorDeadline.minusSeconds(1));
        assertThat(q.level()).isEqualTo(Level.DIRECTOR);
        q = runAt(q, directorDeadline.plusSeconds(20));
        assertThat(q.level()).isEqualTo(Level.MUNICIPALITY);
        assertThat(q.deadline()).isEqualTo(municipalityDeadline);
        assertThat(body(awaitInbox(f.municipal, 1).get(0))).contains("11.11.2026 17:00").contains("Соколова Е.П.");
        assertThat(feedback.status(q.statusToken()).orElseThrow().holderLabel())
                .isEqualTo("муниципальный орган управления образованием");

        q = runAt(q, municipalityDeadline.minusSeconds(1));
        assertThat(q.level()).isEqualTo(Level.MUNICIPALITY);
        q = runAt(q, municipalityDeadline);
        assertThat(q.level()).isEqualTo(Level.DEPARTMENT);
        assertThat(q.deadline()).as("nobody above the department").isNull();
        assertThat(body(awaitInbox(f.department, 1).get(0))).contains("Райдер А.В.");
        assertThat(feedback.status(q.statusToken()).orElseThrow().holderLabel()).isEqualTo("департамент образования");

        q = runAt(q, Instant.parse("2027-03-01T12:00:00Z"));
        assertThat(q.level()).isEqualTo(Level.DEPARTMENT);
        assertThat(escalations(q)).extracting(e -> e.details().get("level"))
                .containsExactly("DIRECTOR", "MUNICIPALITY", "DEPARTMENT");
        assertThat(escalations(q)).extracting(JournalEvent::at)
                .containsExactly(deputyDeadline, directorDeadline.plusSeconds(20), municipalityDeadline);
        assertThat(escalations(q).get(0).note()).contains("заместитель директора").contains("директор — Петров П.П.");
        assertThat(journal.find(q.number()).orElseThrow().dueAt()).isEqualTo(municipalityDeadline);
        assertThat(questions.steps(q.id())).extracting(Questions.Step::level)
                .containsExactly(Level.DEPUTY, Level.DIRECTOR, Level.MUNICIPALITY, Level.DEPARTMENT);
        assertThat(inbox(f.director)).hasSize(1);
    }

    @Test
    void theClimbCountsWorkingDaysAcrossTheNewYearHolidays() {
        FeedbackFixture f = new FeedbackFixture(directory);
        // Tuesday 29 December 2026, 19:30 in Tyumen: after closing, so the event day is Wed 30 Dec.
        Questions.Question q = ask(f, "2026-12-29T14:30:00Z");
        // 31 Dec is a transferred day off, 1–8 Jan holidays, 9–10 Jan a weekend:
        // deputy Mon 11 (1), Tue 12 (2), Wed 13 (3); director Thu 14, Fri 15; municipality Mon 18, Tue 19, Wed 20.
        assertThat(q.deadline()).isEqualTo(Instant.parse("2027-01-13T12:00:00Z"));
        q = runAt(q, Instant.parse("2027-01-13T12:00:00Z"));
        assertThat(q.level()).isEqualTo(Level.DIRECTOR);
        assertThat(q.deadline()).isEqualTo(Instant.parse("2027-01-15T12:00:00Z"));
        q = runAt(q, Instant.parse("2027-01-15T12:00:00Z"));
        assertThat(q.level()).isEqualTo(Level.MUNICIPALITY);
        assertThat(q.deadline()).isEqualTo(Instant.parse("2027-01-20T12:00:00Z"));
    }

    @Test
    void aClockThatWasStoppedThroughWorkingTimeGivesTheNewHolderTheirFullPeriod() {
        FeedbackFixture f = new FeedbackFixture(directory);
        Questions.Question onTime = ask(f, "2026-10-29T05:00:00Z");
        // Run on the holiday (Wed 4 Nov, 10:00 local): no working time lost, the schedule holds (Fri 6 Nov).
        assertThat(runAt(onTime, Instant.parse("2026-11-04T05:00:00Z")).deadline())
                .isEqualTo(Instant.parse("2026-11-06T12:00:00Z"));
        Questions.Question late = ask(f, "2026-10-29T05:00:01Z");
        // The other only at Thu 5 Nov 10:00 local, after the director's first working day had begun:
        // two working days after that day, Fri 6 (1) and Mon 9 (2).
        Questions.Question moved = runAt(late, Instant.parse("2026-11-05T05:00:00Z"));
        assertThat(moved.level()).isEqualTo(Level.DIRECTOR);
        assertThat(moved.deadline()).isEqualTo(Instant.parse("2026-11-09T12:00:00Z"));
    }

    @Test
    void anAnswerAtAnyLevelStopsTheClimbAndReachesTheApplicant() {
        Instant[] deadlines = {Instant.parse("2026-11-03T11:00:00Z"), Instant.parse("2026-11-06T12:00:00Z"),
                Instant.parse("2026-11-11T12:00:00Z")};
        Level[] levels = {Level.DEPUTY, Level.DIRECTOR, Level.MUNICIPALITY, Level.DEPARTMENT};
        for (int answeredAt = 0; answeredAt < levels.length; answeredAt++) {
            FeedbackFixture f = new FeedbackFixture(directory);
            Questions.Question q = ask(f, "2026-10-29T05:00:00Z");
            for (int i = 0; i < answeredAt; i++) {
                q = runAt(q, deadlines[i]);
            }
            assertThat(q.level()).isEqualTo(levels[answeredAt]);
            String holder = List.of(f.deputy, f.director, f.municipal, f.department).get(answeredAt);
            String link = token(awaitInbox(holder, 1).get(0), "/feedback/answer/");
            feedback.answer(link, "Собрание в четверг в 18:00. " + f.suffix);

            q = runAt(q, Instant.parse("2027-06-01T05:00:00Z"));
            assertThat(q.level()).as("answered by %s", levels[answeredAt]).isEqualTo(levels[answeredAt]);
            assertThat(q.state()).isEqualTo(Chain.State.ANSWERED);
            assertThat(escalations(q)).hasSize(answeredAt);
            JournalRequest request = journal.find(q.number()).orElseThrow();
            assertThat(request.status()).isEqualTo(RequestStatus.RESOLVED);
            MimeMessage answer = awaitInbox(f.applicant(), 2).stream()
                    .filter(m -> body(m).contains("Собрание в четверг")).findFirst().orElseThrow();
            assertThat(body(answer)).contains("ответил: " + levels[answeredAt].label()).contains("/feedback/status/" + q.statusToken());
            FeedbackService.StatusView status = feedback.status(q.statusToken()).orElseThrow();
            assertThat(status.answered()).isTrue();
            assertThat(status.answers()).extracting(FeedbackService.AnswerLine::text)
                    .containsExactly("Собрание в четверг в 18:00. " + f.suffix);
            assertThat(status.canRepeat()).isTrue();
            // The link is spent: a second answer is refused.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> feedback.answer(link, "ещё раз"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("уже ответили");
        }
    }

    @Test
    void anOldHoldersLinkCannotAnswerAfterTheQuestionMovedOn() {
        FeedbackFixture f = new FeedbackFixture(directory);
        Questions.Question q = ask(f, "2026-10-29T05:00:00Z");
        String deputyLink = token(awaitInbox(f.deputy, 1).get(0), "/feedback/answer/");
        runAt(q, Instant.parse("2026-11-03T11:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> feedback.answer(deputyLink, "поздно"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("директор");
        assertThat(feedback.holderView(deputyLink).orElseThrow().current()).isFalse();
    }

    @Test
    void twoConcurrentRunsMoveEachQuestionExactlyOnce() throws Exception {
        List<FeedbackFixture> fixtures = new ArrayList<>();
        List<Questions.Question> asked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            FeedbackFixture f = new FeedbackFixture(directory);
            fixtures.add(f);
            asked.add(ask(f, "2026-10-29T05:00:00Z"));
        }
        clock.set("2026-11-03T11:00:00Z");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return escalation.escalateDue();
                }));
            }
            start.countDown();
            for (Future<Integer> r : runs) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < asked.size(); i++) {
            Questions.Question q = questions.find(asked.get(i).id()).orElseThrow();
            assertThat(q.level()).isEqualTo(Level.DIRECTOR);
            assertThat(q.step()).isEqualTo(2);
            assertThat(escalations(q)).hasSize(1);
            assertThat(questions.steps(q.id())).hasSize(2);
            assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE to_address = ?").param(fixtures.get(i).director)
                    .query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatReadTheQuestionBeforeAnotherMovedItChangesNothing() {
        FeedbackFixture f = new FeedbackFixture(directory);
        Questions.Question q = ask(f, "2026-10-29T05:00:00Z");
        clock.set("2026-11-03T11:00:00Z");
        Chain.Position stale = chain.position(q.id()).orElseThrow();
        assertThat(chain.escalate(stale)).isPresent();
        assertThat(chain.escalate(stale)).as("the same step again").isEmpty();
        assertThat(escalations(q)).hasSize(1);
        assertThat(questions.find(q.id()).orElseThrow().level()).isEqualTo(Level.DIRECTOR);
    }

    @Test
    void theFeedbackEscalationRouteRunsTheClock() {
        FeedbackFixture f = new FeedbackFixture(directory);
        Questions.Question q = ask(f, "2026-10-29T05:00:00Z");
        clock.set("2026-11-03T11:00:00Z");
        camel.sendBody("direct:feedback-escalation", null);
        assertThat(questions.find(q.id()).orElseThrow().level()).isEqualTo(Level.DIRECTOR);
    }
}
