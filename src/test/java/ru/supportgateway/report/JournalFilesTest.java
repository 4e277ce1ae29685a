package ru.supportgateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The PDF and XLSX writers on made-up rows: layout, many pages, empty months, long texts. */
class JournalFilesTest {

    static final MonthlyJournal JOURNAL = new MonthlyJournal("sc", "Ситуационный центр мониторинга показателей сферы образования",
            ZoneId.of("Asia/Yekaterinburg"), YearMonth.of(2026, 10));
    static final Instant GENERATED = Instant.parse("2026-11-10T05:00:00Z");

    static List<JournalRow> rows(int n) {
        List<JournalRow> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new JournalRow(LocalDateTime.of(2026, 10, 1 + i % 28, 9, i % 60), "SC-2026-%06d".formatted(i),
                    "Поддержка", "Вопрос номер " + i + " о расписании", "МАОУ СОШ № " + i, "Петрова Мария Ивановна",
                    "Электронная почта; parent" + i + "@example.ru", i % 2 == 0 ? "Решен" : "В работе",
                    i % 2 == 0 ? LocalDateTime.of(2026, 10, 1 + i % 28, 15, 0) : null, null));
        }
        return rows;
    }

    static byte[] pdf(List<JournalRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = new JournalPdf().write(JOURNAL, GENERATED, JournalRowSource.of(rows), out);
        assertThat(n).isEqualTo(rows.size());
        return out.toByteArray();
    }

    static byte[] xlsx(List<JournalRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = new JournalXlsx().write(JOURNAL, GENERATED, JournalRowSource.of(rows), out);
        assertThat(n).isEqualTo(rows.size());
        return out.toByteArray();
    }

    @Test
    void aLongMonthRunsOverPagesEachWithTheHeaderRowAndItsNumber() throws Exception {
        byte[] pdf = pdf(rows(300));
        List<String> pages = Documents.pdfPages(pdf);
        assertThat(pages.size()).isGreaterThan(3);
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).as("page %d", p + 1)
                    .contains("Описание запроса", "Дата решения запроса", "Страница " + (p + 1) + " из " + pages.size());
        }
        String all = String.join(" ", pages);
        int previous = -1;
        for (int i = 1; i <= 300; i++) {
            int at = all.indexOf("SC-2026-%06d".formatted(i));
            assertThat(at).as("row %d in order", i).isGreaterThan(previous);
            previous = at;
        }
        // The signature comes once, after the last row, on the last page.
        assertThat(pages.get(pages.size() - 1)).contains(Form1.SIGNATURE, "Всего за месяц: 300 запросов");
        assertThat(all.indexOf(Form1.SIGNATURE)).isEqualTo(all.lastIndexOf(Form1.SIGNATURE)).isGreaterThan(previous);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDRectangle box = doc.getPage(doc.getNumberOfPages() - 1).getMediaBox();
            assertThat(doc.getPage(0).getRotation()).isZero();
            assertThat(box.getWidth()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(1f));
            assertThat(box.getHeight()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
        }
    }

    @Test
    void anEmptyMonthSaysSoAndStillHasTheSignatureLine() {
        String text = Documents.pdfText(pdf(List.of()));
        assertThat(text).contains("Журнал специалиста", "за октябрь 2026 г.", "За месяц запросов не зарегистрировано",
                "Всего за месяц: 0 запросов", Form1.SIGNATURE, "Страница 1 из 1");
        try (XSSFWorkbook wb = Documents.xlsx(xlsx(List.of()))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aVeryLongDescriptionIsClippedInThePdfButKeptWholeInTheXlsx() throws Exception {
        String longText = "Описание ".repeat(400).strip();
        JournalRow row = new JournalRow(LocalDateTime.of(2026, 10, 5, 10, 0), "SC-2026-000777", "Ошибка", longText,
                null, null, "Телефон", "В работе", null, "примечание");
        String text = Documents.pdfText(pdf(List.of(row)));
        assertThat(text).contains("SC-2026-000777", "…", "примечание");
        try (XSSFWorkbook wb = Documents.xlsx(xlsx(List.of(row)))) {
            assertThat(wb.getSheetAt(0).getRow(1).getCell(3).getStringCellValue()).isEqualTo(longText);
        }
    }

    @Test
    void aBigMonthStreamsIntoOneCompactSheet() throws Exception {
        // 5,000 rows: 25 times SXSSF's in-memory window; the benchmark times 50,000.
        byte[] file = xlsx(rows(5_000));
        assertThat(file.length).isLessThan(1024 * 1024);
        try (XSSFWorkbook wb = Documents.xlsx(file)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(5_000);
            Row last = sheet.getRow(5_000);
            assertThat(last.getCell(1).getStringCellValue()).isEqualTo("SC-2026-005000");
            assertThat(last.getCell(0).getLocalDateTimeCellValue()).isEqualTo(rows(5_000).get(4_999).registeredAt());
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J5001");
        }
    }

    @Test
    void russianPluralsOfRequests() {
        assertThat(List.of(0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 1_000_001).stream().map(Form1::requests))
                .containsExactly("0 запросов", "1 запрос", "2 запроса", "4 запроса", "5 запросов", "11 запросов",
                        "12 запросов", "14 запросов", "21 запрос", "22 запроса", "25 запросов", "101 запрос",
                        "111 запросов", "112 запросов", "1000001 запрос");
    }

    @Test
    void theMonthIsTheDesksCalendarMonth() {
        assertThat(JOURNAL.from()).isEqualTo(Instant.parse("2026-09-30T19:00:00Z"));
        assertThat(JOURNAL.before()).isEqualTo(Instant.parse("2026-10-31T19:00:00Z"));
        assertThat(JOURNAL.fileName(ReportFormat.XLSX)).isEqualTo("journal-sc-2026-10.xlsx");
        assertThat(JOURNAL.monthTitle()).isEqualTo("октябрь 2026");
    }
}
