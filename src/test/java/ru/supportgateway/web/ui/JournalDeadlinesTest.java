package ru.supportgateway.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** The technical desk's journal marks requests whose deadline is near or past, on the desk's calendar. */
@GatewayTest
class JournalDeadlinesTest {

    // Friday 27 November 2026, 10:00 in Tyumen; the sc desk works Mon–Thu to 17:00, Fri to 16:00.
    static final Instant FRIDAY_10_TYUMEN = Instant.parse("2026-11-27T05:00:00Z");

    @LocalServerPort int port;
    @Autowired Journal journal;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void overdueAndNextWorkingDayDeadlinesAreMarked() {
        String operator = "due-op-" + suffix;
        operators.createIfAbsent(new Operator(operator, "Оператор СЦ", Role.OPERATOR, true, Set.of("sc")), encoder.encode("due-secret-" + suffix));
        clock.set(FRIDAY_10_TYUMEN);
        RegisteredRequest overdue = register("2026-11-26T12:00:00Z");          // Thursday's closing: past
        RegisteredRequest monday = register("2026-11-30T10:00:00Z");           // Monday 15:00: the next working day
        RegisteredRequest tuesday = register("2026-12-01T12:00:00Z");          // Tuesday's closing: not yet
        RegisteredRequest resolved = register("2026-11-26T12:00:00Z");         // past, but answered
        journal.moveStatus(resolved.number(), RequestStatus.RESOLVED, operator, "Ответили");
        RegisteredRequest waiting = register("2026-11-26T12:00:00Z");          // past, but paused for the applicant
        journal.moveStatus(waiting.number(), RequestStatus.AWAITING_FEEDBACK, operator, "Запросили логин");

        String page = new SessionClient(port).login(operator, "due-secret-" + suffix).get("/journal?desk=sc&q=" + suffix).body();

        assertThat(row(page, overdue)).contains("срок просрочено", "due-over");
        assertThat(row(page, monday)).contains("срок истекает", "due-soon");
        assertThat(row(page, tuesday)).doesNotContain("срок ");
        assertThat(row(page, resolved)).doesNotContain("срок ");
        assertThat(row(page, waiting)).doesNotContain("срок ");
    }

    private RegisteredRequest register(String dueAt) {
        return journal.register(NewRequest.builder("sc", ZoneId.of("Asia/Yekaterinburg"), Channel.FEEDBACK)
                .subject("Технический вопрос " + suffix).dueAt(Instant.parse(dueAt)).build());
    }

    private static String row(String page, RegisteredRequest r) {
        Matcher m = Pattern.compile("id=\"req-" + r.id() + "\".*?</tr>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("row of " + r.number()).isTrue();
        return m.group();
    }
}
