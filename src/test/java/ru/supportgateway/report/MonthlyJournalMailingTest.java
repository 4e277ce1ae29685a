package ru.supportgateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.report.MonthlyJournalMailing.Outcome;
import ru.supportgateway.report.MonthlyJournalMailing.Result;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/**
 * The monthly mailing with the preset desks: sc, feedback and portal have a head-email, ais and dnevnik
 * (and the desks that other tests configure) do not. The check is run by hand at the clock times the test sets (the route is off in tests).
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class MonthlyJournalMailingTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");
    static final String HEAD = "sc-head@example.org";

    @Autowired MonthlyJournalMailing mailing;
    @Autowired Journal journal;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    @Test
    void octobersJournalIsMailedToTheHeadOnceOnTheTenthOfNovember(CapturedOutput output) throws Exception {
        clock.set("2026-11-01T00:00:00Z");
        // 00:30 on 1 October in Tyumen (30 September in UTC): October's.
        String first = register("Первое октябрьское обращение", "2026-09-30T19:30:00Z");
        String second = register("Не приходят уведомления родителям", "2026-10-15T05:00:00Z");
        // 00:30 on 1 November in Tyumen: November's, not October's.
        String november = register("Ноябрьское обращение", "2026-10-31T19:30:00Z");

        // 23:00 on 9 November in Tyumen: October's journal is not due yet.
        clock.set("2026-11-09T18:00:00Z");
        assertThat(mailing.runDue()).contains(new Outcome("sc", YearMonth.of(2026, 9), Result.MAILED))
                .noneMatch(o -> o.month().equals(YearMonth.of(2026, 10)));
        assertThat(reports("sc", "2026-10-01")).isZero();

        // 10:00 on 10 November in Tyumen (08:00 in Moscow).
        clock.set("2026-11-10T05:00:00Z");
        YearMonth october = YearMonth.of(2026, 10);
        // (the test configuration may add desks of other packages' tests; those have no head either)
        assertThat(mailing.runDue()).allMatch(o -> o.month().equals(october)).contains(
                new Outcome("ais", october, Result.NO_HEAD),
                new Outcome("dnevnik", october, Result.NO_HEAD),
                new Outcome("feedback", october, Result.MAILED),
                new Outcome("portal", october, Result.MAILED),
                new Outcome("sc", october, Result.MAILED));

        await().atMost(Duration.ofSeconds(15)).until(() -> octoberMails().size() == 1);
        MimeMessage mail = octoberMails().get(0);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("sc-support@example.org");
        assertThat(mail.getSubject()).isEqualTo("Журнал специалиста за октябрь 2026 — Ситуационный центр мониторинга показателей сферы образования");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        String body = (String) parts.getBodyPart(0).getContent();
        assertThat(body).contains("за октябрь 2026", "с 01.10.2026 по 31.10.2026", "journal-sc-2026-10.pdf",
                "journal-sc-2026-10.xlsx", "подписывается специалистом", "sc-support@example.org, тел. +7 (3452) 390-679");
        BodyPart pdfPart = parts.getBodyPart(1);
        BodyPart xlsxPart = parts.getBodyPart(2);
        assertThat(pdfPart.getFileName()).isEqualTo("journal-sc-2026-10.pdf");
        assertThat(xlsxPart.getFileName()).isEqualTo("journal-sc-2026-10.xlsx");

        String pdf = Documents.pdfText(pdfPart.getInputStream().readAllBytes());
        assertThat(pdf).contains("за октябрь 2026 г.", first, second, "Не приходят уведомления родителям",
                Form1.SIGNATURE).doesNotContain(november);
        List<String> numbers = new ArrayList<>();
        try (XSSFWorkbook wb = Documents.xlsx(xlsxPart.getInputStream().readAllBytes())) {
            XSSFSheet sheet = wb.getSheetAt(0);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                numbers.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
        }
        assertThat(numbers).contains(first, second).doesNotContain(november);
        assertThat(jdbc.sql("SELECT row_count FROM journal_report WHERE desk_id = 'sc' AND month = '2026-10-01'")
                .query(Long.class).single()).isEqualTo(numbers.size());

        // Later checks (the same node, or after a restart) mail nothing more.
        clock.set("2026-11-10T05:15:00Z");
        assertThat(mailing.runDue()).filteredOn(o -> o.deskId().equals("sc"))
                .containsExactly(new Outcome("sc", october, Result.ALREADY_MAILED));
        Thread.sleep(1500); // several outbox polls
        assertThat(octoberMails()).hasSize(1);
        assertThat(reports("sc", "2026-10-01")).isOne();

        // The desk without a head is skipped with one log line, not one per check.
        String skipped = "Monthly journal of desk dnevnik for 2026-10 is not mailed: no gateway.desks.dnevnik.head-email";
        assertThat(output.getAll()).contains(skipped);
        assertThat(output.getAll().split(java.util.regex.Pattern.quote(skipped), -1)).hasSize(2);
        assertThat(reports("dnevnik", "2026-10-01")).isZero();
    }

    @Test
    void twoNodesCheckingAtOnceMailAMonthOnce() throws Exception {
        clock.set("2027-02-10T06:00:00Z"); // 11:00 in Tyumen: January 2027 is due
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Outcome>> check = () -> mailing.runDue();
            List<Future<List<Outcome>>> runs = nodes.invokeAll(List.of(check, check));
            List<Result> sc = new ArrayList<>();
            for (Future<List<Outcome>> run : runs) {
                run.get().stream().filter(o -> o.deskId().equals("sc")).forEach(o -> sc.add(o.result()));
            }
            assertThat(sc).containsExactlyInAnyOrder(Result.MAILED, Result.ALREADY_MAILED);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(reports("sc", "2027-01-01")).isOne();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE to_address = ? AND subject LIKE '%январь 2027%'")
                .param(HEAD).query(Integer.class).single()).isOne();
    }

    @Test
    void theRouteIsLoadedAndOffInTests(@Autowired org.apache.camel.CamelContext camel) {
        assertThat(camel.getRoute("monthly-journal")).isNotNull();
        assertThat(camel.getRoute("monthly-journal").getEndpoint().getEndpointUri()).startsWith("timer://monthly-journal");
        assertThat(camel.getRouteController().getRouteStatus("monthly-journal"))
                .isEqualTo(org.apache.camel.ServiceStatus.Stopped); // gateway.reports.auto: false
    }

    @Test
    void theJournalIsDueFromTheTenthAtSevenInTheDesksZone() {
        LocalTime seven = LocalTime.of(7, 0);
        assertThat(MonthlyJournalMailing.dueMonth(Instant.parse("2026-11-10T01:59:59Z"), TYUMEN, 10, seven))
                .isEqualTo(YearMonth.of(2026, 9));
        assertThat(MonthlyJournalMailing.dueMonth(Instant.parse("2026-11-10T02:00:00Z"), TYUMEN, 10, seven))
                .isEqualTo(YearMonth.of(2026, 10));
        // The same instant is still 9 November before seven in Moscow.
        assertThat(MonthlyJournalMailing.dueMonth(Instant.parse("2026-11-10T02:00:00Z"), ZoneId.of("Europe/Moscow"), 10, seven))
                .isEqualTo(YearMonth.of(2026, 9));
        assertThat(MonthlyJournalMailing.dueMonth(Instant.parse("2027-01-20T00:00:00Z"), TYUMEN, 10, seven))
                .isEqualTo(YearMonth.of(2026, 12));
        assertThat(MonthlyJournalMailing.dueMonth(Instant.parse("2027-01-05T00:00:00Z"), TYUMEN, 10, seven))
                .isEqualTo(YearMonth.of(2026, 11));
    }

    private String register(String subject, String registeredAt) {
        return journal.register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject(subject)
                .contactEmail("parent@example.ru").registeredAt(Instant.parse(registeredAt)).build()).number();
    }

    private int reports(String desk, String month) {
        return jdbc.sql("SELECT count(*) FROM journal_report WHERE desk_id = ? AND month = ?::date")
                .params(desk, month).query(Integer.class).single();
    }

    private static List<MimeMessage> octoberMails() {
        return Arrays.stream(TestMailServer.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(HEAD) && m.getSubject().contains("октябрь 2026");
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
