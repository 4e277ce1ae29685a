package ru.supportgateway.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.Browser;
import ru.supportgateway.testsupport.GatewayTest;

/**
 * «Журнал за месяц» on the journal page in a real headless Chromium: a supervisor chooses a past month and
 * downloads the PDF and the XLSX, which hold exactly that month's requests of the desk; an operator does
 * not see the form.
 */
@GatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalExportBrowserTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");
    static final String PASSWORD = "browser-secret-1";
    /** A month no other test registers requests in. */
    static final String MONTH = "2021-03";

    @LocalServerPort int port;
    @Autowired Journal journal;
    @Autowired JdbcClient jdbc;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String supervisor = "jsup-" + suffix;
    final String operator = "jop-" + suffix;
    Path downloads;
    Browser browser;

    @BeforeAll
    void usersAndABrowser() throws IOException {
        operators.createIfAbsent(new Operator(supervisor, "Сидорова Анна", Role.SUPERVISOR, true, Set.of("sc")),
                encoder.encode(PASSWORD));
        operators.createIfAbsent(new Operator(operator, "Иванова Ольга", Role.OPERATOR, true, Set.of("sc")),
                encoder.encode(PASSWORD));
        downloads = Files.createTempDirectory("sg-downloads-");
        browser = new Browser("http://localhost:" + port, downloads);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
        try (Stream<Path> files = Files.walk(downloads)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aSupervisorDownloadsTheMonthsJournalAsPdfAndXlsx() throws IOException {
        List<RegisteredRequest> made = new ArrayList<>();
        List<String> descriptions = List.of("Не приходит код " + suffix, "Нет оценок за четверть " + suffix,
                "Ошибка 500 при входе " + suffix);
        for (int i = 0; i < descriptions.size(); i++) {
            Instant at = LocalDateTime.of(2021, 3, 3 + 10 * i, 10, 15).atZone(TYUMEN).toInstant();
            made.add(journal.register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Обращение " + (i + 1))
                    .description(descriptions.get(i)).person("Заявитель " + i).registeredAt(at).receivedAt(at)
                    .dueAt(at.plus(Duration.ofDays(3))).build()));
        }
        // one in the next month's first hour (Tyumen time) and one in another desk: neither is in the file
        Instant april = LocalDateTime.of(2021, 4, 1, 0, 30).atZone(TYUMEN).toInstant();
        journal.register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Апрель").description("Апрель " + suffix)
                .registeredAt(april).receivedAt(april).dueAt(april.plus(Duration.ofDays(3))).build());

        browser.login(supervisor, PASSWORD);
        browser.open("/journal");
        assertThat(browser.text("#journal-export")).contains("Журнал за месяц");
        new Select(browser.find("#journal-export select[name=desk]")).selectByValue("sc");
        browser.script("document.querySelector('#journal-export input[name=month]').value = '" + MONTH + "'");

        browser.find("#journal-export button[value=pdf]").click();
        Path pdf = awaitDownload(".pdf");
        browser.find("#journal-export button[value=xlsx]").click();
        Path xlsx = awaitDownload(".xlsx");

        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        for (int i = 0; i < made.size(); i++) {
            assertThat(text).contains(made.get(i).number()).contains(descriptions.get(i));
        }
        assertThat(text).doesNotContain("Апрель " + suffix).contains("Всего за месяц: 3 запроса.");

        List<List<String>> rows = new ArrayList<>();
        DataFormatter cells = new DataFormatter();
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            for (Row row : sheet) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                rows.add(List.of(cells.formatCellValue(row.getCell(1)), cells.formatCellValue(row.getCell(3))));
            }
        }
        assertThat(rows).hasSize(made.size());
        for (int i = 0; i < made.size(); i++) {
            String number = made.get(i).number();
            String description = descriptions.get(i);
            assertThat(rows).as(number).anySatisfy(r -> {
                assertThat(r.get(0)).isEqualTo(number);
                assertThat(r.get(1)).contains(description);
            });
        }
    }

    @Test
    void anOperatorDoesNotSeeTheExportForm() {
        browser.login(operator, PASSWORD);
        browser.open("/journal");
        assertThat(browser.all("#journal-export")).isEmpty();
        assertThat(browser.all("table.journal")).hasSize(1);
    }

    /** Waits for Chromium to finish a download with this extension (no .crdownload left), and takes it away. */
    private Path awaitDownload(String extension) {
        Path[] found = new Path[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> all = files.toList();
                Optional<Path> done = all.stream().filter(p -> p.getFileName().toString().endsWith(extension)).findFirst();
                boolean partial = all.stream().anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
                done.filter(p -> !partial).ifPresent(p -> found[0] = p);
                return found[0] != null && Files.size(found[0]) > 0;
            }
        });
        return found[0];
    }
}
