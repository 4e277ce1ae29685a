package ru.supportgateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.Journal;
import ru.supportgateway.journal.NewRequest;
import ru.supportgateway.journal.RequestChanges;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.journal.RequestType;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/**
 * {@code GET /api/reports/journal} on the real database: the Tyumen desk's February 2019 (a month no
 * other test writes to) as PDF and XLSX, and who may download it.
 */
@GatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");
    static final String PASSWORD = "report-secret";
    static final String URL = "/api/reports/journal?desk=sc&month=2019-02&format=";
    static final int FILLER = 70;

    @Autowired TestRestTemplate rest;
    @Autowired Journal journal;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;

    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String operatorSc = "rep-op-" + suffix;
    final String supervisorSc = "rep-sup-" + suffix;
    final String supervisorPortal = "rep-sup-portal-" + suffix;

    /** February's numbers in registration order, and the two just outside it. */
    final List<String> february = new ArrayList<>();
    String lastOfJanuary;
    String firstOfMarch;
    String resolved;

    @BeforeAll
    void februaryInTyumen() {
        operators.createIfAbsent(new Operator(operatorSc, "Иванова Ольга", Role.OPERATOR, true, Set.of("sc")), encoder.encode(PASSWORD));
        operators.createIfAbsent(new Operator(supervisorSc, "Петров Пётр", Role.SUPERVISOR, true, Set.of("sc")), encoder.encode(PASSWORD));
        operators.createIfAbsent(new Operator(supervisorPortal, "Сидоров Иван", Role.SUPERVISOR, true, Set.of("portal")),
                encoder.encode(PASSWORD));
        clock.set("2019-03-01T10:00:00Z");
        // 23:30 on 31 January in Tyumen: January's, though it is the same UTC day as the next one.
        lastOfJanuary = register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Январский вопрос")
                .registeredAt(Instant.parse("2019-01-31T18:30:00Z")));
        // 00:30 on 1 February in Tyumen, still 31 January in UTC: February's first row.
        february.add(register(NewRequest.builder("sc", TYUMEN, Channel.VOICEMAIL).subject("Голосовое сообщение ночью")
                .contactPhone("+7 (912) 345-67-89").registeredAt(Instant.parse("2019-01-31T19:30:00Z"))));
        resolved = register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Не открывается электронный дневник")
                .description("Ошибка 500 при входе в дневник").organisation("МАОУ СОШ № 5 г. Тюмени")
                .person("Иванова Анна Сергеевна").contactEmail("ivanova@example.ru")
                .registeredAt(Instant.parse("2019-02-05T04:15:00Z")));
        february.add(resolved);
        clock.set("2019-02-06T06:00:00Z");
        journal.moveStatus(resolved, RequestStatus.RESOLVED, "system", "Пароль сброшен");
        String error = register(NewRequest.builder("sc", TYUMEN, Channel.PHONE).subject("Не формируется отчёт по успеваемости")
                .registeredAt(Instant.parse("2019-02-20T09:00:00Z")));
        journal.updateFields(error, RequestChanges.none().withType(RequestType.ERROR), "system");
        february.add(error);
        for (int i = 0; i < FILLER; i++) {
            february.add(register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Вопрос " + i + " о расписании")
                    .registeredAt(Instant.parse("2019-02-21T04:00:00Z").plusSeconds(60L * i))));
        }
        // 00:30 on 1 March in Tyumen.
        firstOfMarch = register(NewRequest.builder("sc", TYUMEN, Channel.EMAIL).subject("Мартовский вопрос")
                .registeredAt(Instant.parse("2019-02-28T19:30:00Z")));
    }

    private String register(NewRequest.Builder b) {
        return journal.register(b.build()).number();
    }

    ResponseEntity<byte[]> get(String user, String format) {
        TestRestTemplate as = user == null ? rest
                : rest.withBasicAuth(user, user.equals("admin") ? GatewayTest.ADMIN_PASSWORD : PASSWORD);
        return as.getForEntity(URL + format, byte[].class);
    }

    byte[] ok(ResponseEntity<byte[]> r) {
        assertThat(r.getStatusCode()).as("%s", r.getBody() == null ? "" : new String(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    @Test
    void onlySupervisorsOfTheDeskAndTheAdministratorMayDownload() {
        assertThat(get(null, "pdf").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<byte[]> operator = get(operatorSc, "pdf");
        assertThat(operator.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(new String(operator.getBody(), java.nio.charset.StandardCharsets.UTF_8)).contains("руководитель");
        assertThat(get(supervisorPortal, "pdf").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(supervisorPortal, "xlsx").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<byte[]> mine = get(supervisorSc, "pdf");
        ok(mine);
        assertThat(mine.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        assertThat(mine.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"journal-sc-2019-02.pdf\"");
        assertThat(mine.getHeaders().getCacheControl()).contains("no-store");
        ResponseEntity<byte[]> admin = get("admin", "xlsx");
        ok(admin);
        assertThat(admin.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"journal-sc-2019-02.xlsx\"");
    }

    @Test
    void badMonthsFormatsAndDesksAreRefused() {
        TestRestTemplate admin = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD);
        assertThat(admin.getForEntity("/api/reports/journal?desk=sc&month=2019-13", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(admin.getForEntity("/api/reports/journal?desk=sc&month=2019-02&format=doc", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(admin.getForEntity("/api/reports/journal?desk=nosuch&month=2019-02", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // A supervisor learns nothing about desks that are not theirs, configured or not.
        assertThat(rest.withBasicAuth(supervisorSc, PASSWORD)
                .getForEntity("/api/reports/journal?desk=nosuch&month=2019-02", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void thePdfIsTheMonthsFormOneOnLandscapeA4() throws Exception {
        byte[] pdf = ok(get(supervisorSc, "pdf"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            for (PDPage page : doc.getPages()) {
                assertThat(page.getRotation()).isZero();
                assertThat(page.getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getHeight(), Offset.offset(1f));
                assertThat(page.getMediaBox().getHeight()).isCloseTo(PDRectangle.A4.getWidth(), Offset.offset(1f));
            }
        }
        List<String> pages = Documents.pdfPages(pdf);
        String text = String.join(" ", pages);
        assertThat(pages.get(0)).contains("Журнал специалиста",
                "Ситуационный центр мониторинга показателей сферы образования", "за февраль 2019 г.");
        int previous = -1;
        for (String number : february) {
            int at = text.indexOf(number);
            assertThat(at).as("%s in registration order", number).isGreaterThan(previous);
            previous = at;
        }
        assertThat(text).doesNotContain(lastOfJanuary, firstOfMarch, "Январский вопрос", "Мартовский вопрос");
        assertThat(text).contains("Голосовое сообщение ночью", "01.02.2019 00:30",
                "Не открывается электронный дневник Ошибка 500 при входе в дневник",
                "МАОУ СОШ № 5 г. Тюмени", "Иванова Анна Сергеевна", "ivanova@example.ru",
                "Решен", "06.02.2019 11:00", "Ошибка", "Вопрос 69 о расписании",
                "Всего за месяц: " + Form1.requests(february.size()));
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).contains("№ запроса", "Дата решения запроса", "Страница " + (p + 1) + " из " + pages.size());
        }
        assertThat(pages.get(pages.size() - 1)).contains("Дата, ФИО специалиста полностью, подпись");
    }

    @Test
    void theXlsxHasTheSameRowsWithRealDates() throws Exception {
        try (XSSFWorkbook wb = Documents.xlsx(ok(get(supervisorSc, "xlsx")))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
            XSSFSheet sheet = wb.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).containsExactly("Дата", "№ запроса", "Тип запроса", "Описание запроса", "Организация",
                    "ФИО", "Дополнительная информация", "Статус", "Дата решения запроса", "Примечание");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J" + (february.size() + 1));

            assertThat(sheet.getLastRowNum()).isEqualTo(february.size());
            for (int i = 0; i < february.size(); i++) {
                assertThat(sheet.getRow(i + 1).getCell(1).getStringCellValue()).isEqualTo(february.get(i));
            }
            Row first = sheet.getRow(1);
            assertThat(DateUtil.isCellDateFormatted(first.getCell(0))).isTrue();
            assertThat(first.getCell(0).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2019, 2, 1, 0, 30));
            assertThat(first.getCell(6).getStringCellValue()).isEqualTo("Голосовое сообщение; +7 (912) 345-67-89");
            Row r = sheet.getRow(2);
            assertThat(r.getCell(1).getStringCellValue()).isEqualTo(resolved);
            assertThat(r.getCell(2).getStringCellValue()).isEqualTo("Поддержка");
            assertThat(r.getCell(3).getStringCellValue()).isEqualTo("Не открывается электронный дневник\nОшибка 500 при входе в дневник");
            assertThat(r.getCell(4).getStringCellValue()).isEqualTo("МАОУ СОШ № 5 г. Тюмени");
            assertThat(r.getCell(5).getStringCellValue()).isEqualTo("Иванова Анна Сергеевна");
            assertThat(r.getCell(7).getStringCellValue()).isEqualTo("Решен");
            assertThat(r.getCell(8).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2019, 2, 6, 11, 0));
            assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("Ошибка");
            assertThat(sheet.getRow(3).getCell(7).getStringCellValue()).isEqualTo("В работе");
            assertThat(sheet.getRow(3).getCell(8).getStringCellValue()).isEmpty();
        }
    }
}
