package ru.supportgateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.supportgateway.feedback.FeedbackFixture.awaitInbox;
import static ru.supportgateway.feedback.FeedbackFixture.body;
import static ru.supportgateway.feedback.FeedbackFixture.latestToken;
import static ru.supportgateway.feedback.FeedbackFixture.queued;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.escalation.Level;
import ru.supportgateway.journal.EventKind;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.JournalRequest;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** The applicant asks again when the answer does not satisfy them; the fifth time the department hears of it. */
@GatewayTest
class RepeatTest {

    @Autowired FeedbackService feedback;
    @Autowired Questions questions;
    @Autowired Directory directory;
    @Autowired JournalQueries journal;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    @AfterEach
    void sendWhatIsDue() {
        FeedbackFixture.drainOutbox(jdbc, clock);
    }

    @Test
    void theFifthRepeatNotifiesTheRegionalDepartmentOnce() {
        FeedbackFixture f = new FeedbackFixture(directory);
        clock.set("2026-11-02T05:00:00Z");
        FeedbackService.Registered r = feedback.ask(f.question(Rubric.SCHOOL, "Почему отменили кружок? " + f.suffix, "rep-" + f.suffix));
        assertThatThrownBy(() -> feedback.repeat(r.statusToken(), "нет ответа")).as("nothing to repeat against yet")
                .isInstanceOf(IllegalStateException.class);

        for (int repeat = 1; repeat <= 6; repeat++) {
            clock.set(clock.instant().plusSeconds(3600));
            feedback.answer(latestToken(jdbc, f.deputy, "/feedback/answer/"), "Ответ № " + repeat);
            assertThat(journal.find(r.number()).orElseThrow().status()).isEqualTo(RequestStatus.RESOLVED);
            clock.set(clock.instant().plusSeconds(600));
            FeedbackService.StatusView after = feedback.repeat(r.statusToken(), "Не устроило, попытка " + repeat);

            assertThat(after.repeatCount()).isEqualTo(repeat);
            assertThat(after.holderLabel()).isEqualTo(Level.DEPUTY.label());
            assertThat(after.answered()).isFalse();
            JournalRequest request = journal.find(r.number()).orElseThrow();
            assertThat(request.repeatCount()).isEqualTo(repeat);
            assertThat(request.status()).isEqualTo(RequestStatus.IN_PROGRESS);
            assertThat(queued(jdbc, f.department, "Повторное обращение"))
                    .as("department notices after repeat %d", repeat).isEqualTo(repeat < 5 ? 0 : 1);
        }
        String notice = body(awaitInbox(f.department, 1).get(0));
        assertThat(notice).contains("5-й раз").contains(r.number()).contains("Почему отменили кружок?")
                .contains("Ответ № 1").contains("Райдер А.В.");
        // The deputy got the question back each time, with the parent's comment.
        assertThat(queued(jdbc, f.deputy, "Повторный вопрос")).isEqualTo(6);
        assertThat(body(awaitInbox(f.deputy, 7).get(6))).contains("Не устроило, попытка 6");
        long repeats = journal.history(journal.find(r.number()).orElseThrow().id()).stream()
                .filter(e -> e.kind() == EventKind.REPEAT).count();
        assertThat(repeats).isEqualTo(6);
        assertThat(questions.findByNumber(r.number()).orElseThrow().departmentNotifiedAt()).isNotNull();
    }
}
