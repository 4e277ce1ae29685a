package ru.supportgateway.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Optional;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The journal as one XLSX sheet: the Form No. 1 columns, a styled and frozen header with an autofilter,
 * dates as real Excel dates in the desk's zone, and print settings (A4 landscape, header row on every
 * page). Written with POI's streaming SXSSF: only a window of rows is in memory, the rest goes to a
 * temporary file, so a month of 50,000 requests stays small in memory.
 */
@Component
public class JournalXlsx {

    /** Rows kept in memory before they are flushed to the temporary file. */
    private static final int WINDOW = 200;
    /** Column widths in characters. */
    private static final int[] WIDTHS = {16, 17, 12, 60, 30, 24, 36, 20, 16, 30};
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    /** Writes the journal; returns the number of rows. */
    public long write(MonthlyJournal journal, Instant generatedAt, JournalRowSource rows, OutputStream out) {
        SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
        // Uncompressed temporary file: faster, and it is deleted on close anyway.
        wb.setCompressTempFiles(false);
        try {
            Styles s = new Styles(wb);
            SXSSFSheet sheet = wb.createSheet(WorkbookUtil.createSafeSheetName("Журнал " + journal.month()));
            for (int i = 0; i < WIDTHS.length; i++) {
                sheet.setColumnWidth(i, WIDTHS[i] * 256);
            }
            Row header = sheet.createRow(0);
            for (int i = 0; i < Form1.COLUMNS.size(); i++) {
                Cell c = header.createCell(i);
                c.setCellValue(Form1.COLUMNS.get(i));
                c.setCellStyle(s.header);
            }
            sheet.createFreezePane(0, 1);
            long[] n = {0};
            rows.each(r -> {
                Row row = sheet.createRow((int) ++n[0]);
                date(row, 0, r.registeredAt(), s);
                text(row, 1, r.number(), s);
                text(row, 2, r.type(), s);
                text(row, 3, r.description(), s);
                text(row, 4, r.organisation(), s);
                text(row, 5, r.person(), s);
                text(row, 6, r.additionalInfo(), s);
                text(row, 7, r.status(), s);
                date(row, 8, r.resolvedAt(), s);
                text(row, 9, r.note(), s);
            });
            sheet.setAutoFilter(new CellRangeAddress(0, (int) Math.max(n[0], 1), 0, Form1.COLUMNS.size() - 1));
            sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
            PrintSetup print = sheet.getPrintSetup();
            print.setLandscape(true);
            print.setPaperSize(PrintSetup.A4_PAPERSIZE);
            sheet.setFitToPage(true);
            print.setFitWidth((short) 1);
            print.setFitHeight((short) 0);
            sheet.getHeader().setCenter(Form1.TITLE + " — " + journal.deskName() + " — " + journal.monthTitle());
            sheet.getFooter().setRight("Страница &P из &N");
            var props = wb.getXSSFWorkbook().getProperties().getCoreProperties();
            props.setTitle(Form1.TITLE + " — " + journal.deskName() + " — " + journal.monthTitle());
            props.setCreator("Support Gateway");
            props.setCreated(Optional.of(Date.from(generatedAt)));
            wb.write(out);
            return n[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                wb.close(); // also deletes the temporary files
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void text(Row row, int column, String value, Styles s) {
        Cell c = row.createCell(column);
        c.setCellStyle(s.text);
        if (value != null && !value.isEmpty()) {
            c.setCellValue(value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT - 1) + "…" : value);
        }
    }

    private static void date(Row row, int column, LocalDateTime value, Styles s) {
        Cell c = row.createCell(column);
        c.setCellStyle(s.date);
        if (value != null) {
            c.setCellValue(value);
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle text;
        final CellStyle date;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setWrapText(true);
            borders(header);
            text = wb.createCellStyle();
            text.setVerticalAlignment(VerticalAlignment.TOP);
            text.setWrapText(true);
            borders(text);
            date = wb.createCellStyle();
            date.cloneStyleFrom(text);
            date.setWrapText(false);
            date.setDataFormat(wb.createDataFormat().getFormat("dd.mm.yyyy hh:mm"));
        }

        private static void borders(CellStyle style) {
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
        }
    }
}
