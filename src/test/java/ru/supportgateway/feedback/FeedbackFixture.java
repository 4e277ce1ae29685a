package ru.supportgateway.feedback;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import ru.supportgateway.testsupport.TestMailServer;

/**
 * A region of one's own for a test: department → municipality → school, with people whose addresses
 * are unique to this fixture (tests share one database and one mail server), and the shared desk entry
 * of the technical desk.
 */
public final class FeedbackFixture {

    public static final String SC_DUTY = "sc-duty@sc.example";

    public final String suffix = UUID.randomUUID().toString().substring(0, 8);
    public final Organisation region;
    public final Organisation municipality;
    public final Organisation school;
    public final String deputy = "deputy-" + suffix + "@school.example";
    public final String director = "director-" + suffix + "@school.example";
    public final String municipal = "mouo-" + suffix + "@mouo.example";
    public final String department = "dep-" + suffix + "@dep.example";

    public FeedbackFixture(Directory directory) {
        region = directory.save(new Organisation(null, "reg-" + suffix, OrgKind.REGION, "Департамент образования " + suffix,
                null, null, null, Map.of(PersonRole.RESPONSIBLE, new Organisation.Person("Райдер А.В.", department))));
        municipality = directory.save(new Organisation(null, "mun-" + suffix, OrgKind.MUNICIPALITY,
                "Управление образования " + suffix, region.id(), null, null,
                Map.of(PersonRole.RESPONSIBLE, new Organisation.Person("Соколова Е.П.", municipal))));
        school = directory.save(new Organisation(null, "sch-" + suffix, OrgKind.SCHOOL, "МАОУ СОШ № " + suffix,
                municipality.id(), null, null, Map.of(
                PersonRole.DEPUTY, new Organisation.Person("Иванова О.Н.", deputy),
                PersonRole.DIRECTOR, new Organisation.Person("Петров П.П.", director))));
        if (directory.findByCode("test-sc-desk").isEmpty()) {
            try {
                directory.save(new Organisation(null, "test-sc-desk", OrgKind.DESK, "Ситуационный центр", null,
                        "sc-support@example.org", "sc", Map.of(PersonRole.RESPONSIBLE,
                        new Organisation.Person("Дежурный СЦ", SC_DUTY))));
            } catch (IllegalArgumentException alreadyThere) {
                // another test created it meanwhile
            }
        }
    }

    public NewQuestion question(Rubric rubric, String text, String ip) {
        return new NewQuestion(school.id(), rubric, "Сидорова Анна", applicant(), text, List.of(), NewQuestion.Source.API, ip);
    }

    public String applicant() {
        return "parent-" + suffix + "@mail.example";
    }

    /**
     * Waits until the outbox has sent everything due now. Tests call it when they end: mail still being
     * sent when the JVM exits races the test database's removal and stalls the shutdown.
     */
    public static void drainOutbox(org.springframework.jdbc.core.simple.JdbcClient jdbc, java.time.Clock clock) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?""")
                .param(java.sql.Timestamp.from(clock.instant())).query(Integer.class).single() == 0);
    }

    /** The secret of the latest link to {@code path} queued for an address (read from the outbox, no waiting). */
    public static String latestToken(org.springframework.jdbc.core.simple.JdbcClient jdbc, String address, String path) {
        String body = jdbc.sql("SELECT body_text FROM outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1")
                .param(address).query(String.class).single();
        Matcher matcher = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{43})").matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("No " + path + " link in:\n" + body);
        }
        return matcher.group(1);
    }

    /** How many mails to an address are queued or sent with a subject containing {@code subjectPart}. */
    public static int queued(org.springframework.jdbc.core.simple.JdbcClient jdbc, String address, String subjectPart) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE to_address = ? AND subject LIKE ?")
                .params(address, "%" + subjectPart + "%").query(Integer.class).single();
    }

    /** Messages delivered to an address so far. */
    public static List<MimeMessage> inbox(String address) {
        return Arrays.stream(TestMailServer.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Waits until the address has {@code count} messages and returns them. */
    public static List<MimeMessage> awaitInbox(String address, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> inbox(address).size() >= count);
        return inbox(address);
    }

    public static String body(MimeMessage m) {
        try {
            return ((String) m.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret of a link in a mail, e.g. {@code /feedback/answer/<token>}. */
    public static String token(MimeMessage m, String path) {
        Matcher matcher = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{43})").matcher(body(m));
        if (!matcher.find()) {
            throw new AssertionError("No " + path + " link in:\n" + body(m));
        }
        return matcher.group(1);
    }
}
