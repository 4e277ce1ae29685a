package ru.supportgateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.journal.Correspondence;
import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** The deputy head passes a question on («Вне компетенции»): the parent is told the new number. */
@GatewayTest
class PassedOnNoticeTest {

    @Autowired FeedbackService feedback;
    @Autowired Directory directory;
    @Autowired JournalQueries journal;
    @Autowired Correspondence correspondence;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired TestRestTemplate rest;

    @AfterEach
    void drain() {
        FeedbackFixture.drainOutbox(jdbc, clock);
    }

    @Test
    void theParentGetsTheTechnicalDesksNumberAndTheirStatusLink() throws Exception {
        FeedbackFixture f = new FeedbackFixture(directory);
        clock.set("2026-11-24T05:00:00Z");
        FeedbackService.Registered r = feedback.ask(f.question(Rubric.SCHOOL, "Не открывается дневник " + f.suffix, null));
        String deputyLink = FeedbackFixture.latestToken(jdbc, f.deputy, "/feedback/answer/");

        String techNumber = feedback.passOn(deputyLink, "Это вопрос о работе дневника");

        MimeMessage told = FeedbackFixture.awaitInbox(f.applicant(), 2).stream()
                .filter(m -> subject(m).contains("передан")).findFirst().orElseThrow();
        assertThat(subject(told)).isEqualTo("[" + techNumber + "] Ваш вопрос передан в службу технической поддержки");
        assertThat(told.getFrom()[0].toString()).isEqualTo("sc-support@example.org");
        String body = FeedbackFixture.body(told);
        assertThat(body).contains("ваш вопрос " + r.number(), "Новый номер вашего вопроса: " + techNumber,
                r.statusUrl(), "30 календарных дней");

        // the status link in the mail shows the question at the technical desk
        String token = FeedbackFixture.token(told, "/feedback/status/");
        assertThat(rest.getForEntity("/feedback/status/" + token, String.class).getBody()).contains(techNumber);
        // a reply to this mail finds the technical desk's request
        String messageId = told.getHeader("Message-ID")[0].replaceAll("[<>]", "");
        assertThat(correspondence.requestOfMessageId(messageId)).contains(journal.find(techNumber).orElseThrow().id());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
