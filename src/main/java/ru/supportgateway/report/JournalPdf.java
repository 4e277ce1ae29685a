package ru.supportgateway.report;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;

import org.springframework.stereotype.Component;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The journal as a PDF to print and sign: A4 landscape, the Form No. 1 table with its header on every
 * page, "Страница N из M" in the footer and the regulation's signature line at the end. The text is set in
 * Liberation Sans (SIL Open Font License, from the openpdf-fonts-extra artifact), embedded as a subset so
 * the Cyrillic prints the same on any machine.
 */
@Component
public class JournalPdf {

    /** Relative column widths: the description gets the most room, dates and statuses the least. */
    private static final float[] WIDTHS = {8.5f, 9.5f, 6.5f, 22f, 12f, 10f, 12f, 7.5f, 8.5f, 10f};
    /** A printed cell shows at most this much; the XLSX has the full text. */
    static final int MAX_CELL_TEXT = 1000;
    /** Rows added to the document at a time, so a big month's table is laid out and freed piece by piece. */
    private static final int CHUNK = 200;
    private static final float MARGIN = 28; // about 1 cm
    /**
     * A4 with its long side across. Not {@code PageSize.A4.rotate()}: that writes a portrait page turned by
     * /Rotate 90, which some printers' drivers and text tools take as portrait.
     */
    static final Rectangle A4_LANDSCAPE = new Rectangle(PageSize.A4.getHeight(), PageSize.A4.getWidth());
    private static final Color HEADER_FILL = new Color(0xE6, 0xE6, 0xE6);

    private static final byte[] REGULAR = font("liberation/LiberationSans-Regular.ttf");
    private static final byte[] BOLD = font("liberation/LiberationSans-Bold.ttf");

    /** Writes the journal; returns the number of rows. */
    public long write(MonthlyJournal journal, Instant generatedAt, JournalRowSource rows, OutputStream out) {
        Fonts f = new Fonts();
        Document doc = new Document(A4_LANDSCAPE, MARGIN, MARGIN, MARGIN, MARGIN + 10);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new Footer(f.regular, journal));
        doc.addTitle(Form1.TITLE + " — " + journal.deskName() + " — " + journal.monthTitle());
        doc.addCreator("Support Gateway");
        doc.open();

        Paragraph title = new Paragraph(Form1.TITLE, f.title);
        title.setAlignment(Element.ALIGN_CENTER);
        doc.add(title);
        Paragraph desk = new Paragraph(journal.deskName(), f.subtitle);
        desk.setAlignment(Element.ALIGN_CENTER);
        doc.add(desk);
        Paragraph period = new Paragraph("за " + journal.monthTitle() + " г. (" + Form1.FORM + "; время — "
                + journal.zone().getId() + "; сформирован "
                + Form1.DATE_TIME.format(LocalDateTime.ofInstant(generatedAt, journal.zone())) + ")", f.small);
        period.setAlignment(Element.ALIGN_CENTER);
        period.setSpacingAfter(8);
        doc.add(period);

        PdfPTable table = new PdfPTable(WIDTHS);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSplitLate(false); // a long description may continue on the next page instead of leaving a gap
        table.setComplete(false);
        for (String column : Form1.COLUMNS) {
            PdfPCell cell = cell(column, f.header);
            cell.setBackgroundColor(HEADER_FILL);
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
            table.addCell(cell);
        }
        long count = rows.each(row -> {
            table.addCell(cell(date(row.registeredAt()), f.cell));
            table.addCell(cell(row.number(), f.cell));
            table.addCell(cell(row.type(), f.cell));
            table.addCell(cell(clip(row.description()), f.cell));
            table.addCell(cell(row.organisation(), f.cell));
            table.addCell(cell(row.person(), f.cell));
            table.addCell(cell(clip(row.additionalInfo()), f.cell));
            table.addCell(cell(row.status(), f.cell));
            table.addCell(cell(date(row.resolvedAt()), f.cell));
            table.addCell(cell(clip(row.note()), f.cell));
            if (table.size() % CHUNK == 0) {
                doc.add(table);
            }
        });
        if (count == 0) {
            PdfPCell none = cell("За месяц запросов не зарегистрировано", f.cell);
            none.setColspan(WIDTHS.length);
            none.setHorizontalAlignment(Element.ALIGN_CENTER);
            table.addCell(none);
        }
        table.setComplete(true);
        doc.add(table);

        Paragraph total = new Paragraph("Всего за месяц: " + Form1.requests(count) + ".", f.subtitle);
        total.setSpacingBefore(8);
        doc.add(total);
        doc.add(signature(f));
        doc.close();
        return count;
    }

    /** The regulation's closing line with room to fill in by hand: date, full name, signature. */
    private static PdfPTable signature(Fonts f) {
        // Three lines to fill in, with narrow blank columns between them so they read as three.
        PdfPTable sign = new PdfPTable(new float[] {2, 0.4f, 6, 0.4f, 3});
        sign.setWidthPercentage(70);
        sign.setHorizontalAlignment(Element.ALIGN_LEFT);
        sign.setSpacingBefore(14);
        sign.setKeepTogether(true);
        PdfPCell caption = new PdfPCell(new Phrase(Form1.SIGNATURE + ":", f.subtitle));
        caption.setColspan(5);
        caption.setBorder(Rectangle.NO_BORDER);
        caption.setPaddingBottom(18);
        sign.addCell(caption);
        for (int i = 0; i < 5; i++) {
            PdfPCell line = new PdfPCell(new Phrase(Chunk.NEWLINE));
            line.setBorder(i % 2 == 0 ? Rectangle.BOTTOM : Rectangle.NO_BORDER);
            line.setFixedHeight(20);
            sign.addCell(line);
        }
        for (String hint : new String[] {"(дата)", "", "(фамилия, имя, отчество специалиста полностью)", "", "(подпись)"}) {
            PdfPCell cell = new PdfPCell(new Phrase(hint, f.small));
            cell.setBorder(Rectangle.NO_BORDER);
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            sign.addCell(cell);
        }
        return sign;
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setPadding(2.5f);
        cell.setBorderWidth(0.5f);
        return cell;
    }

    private static String date(LocalDateTime t) {
        return t == null ? "" : Form1.DATE_TIME.format(t);
    }

    private static String clip(String text) {
        if (text == null || text.length() <= MAX_CELL_TEXT) {
            return text;
        }
        return text.substring(0, MAX_CELL_TEXT) + "…";
    }

    private static byte[] font(String resource) {
        try (InputStream in = JournalPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font " + resource + " is missing (openpdf-fonts-extra)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fonts of one document: a BaseFont records the glyphs used for its subset, so documents do not share one. */
    private static final class Fonts {
        final BaseFont regular = base("LiberationSans-Regular.ttf", REGULAR);
        final BaseFont bold = base("LiberationSans-Bold.ttf", BOLD);
        final Font title = new Font(bold, 15);
        final Font subtitle = new Font(regular, 10);
        final Font small = new Font(regular, 7.5f);
        final Font header = new Font(bold, 7.5f);
        final Font cell = new Font(regular, 7.5f);

        private static BaseFont base(String name, byte[] ttf) {
            try {
                return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, ttf, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** "Журнал специалиста · desk · month" on the left and "Страница N из M" on the right of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private static final float SIZE = 7.5f;
        private final BaseFont font;
        private final String left;
        private PdfTemplate total;

        Footer(BaseFont font, MonthlyJournal journal) {
            this.font = font;
            this.left = Form1.TITLE + " · " + journal.deskName() + " · " + journal.monthTitle();
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, SIZE + 2);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            float y = document.bottom() - 16;
            String page = "Страница " + writer.getPageNumber() + " из ";
            float pageWidth = font.getWidthPoint(page, SIZE);
            float x = document.right() - pageWidth - 20;
            cb.beginText();
            cb.setFontAndSize(font, SIZE);
            cb.setTextMatrix(document.left(), y);
            cb.showText(left);
            cb.setTextMatrix(x, y);
            cb.showText(page);
            cb.endText();
            cb.addTemplate(total, x + pageWidth, y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            // Called after the last page is finished, when the page counter already points past it.
            total.beginText();
            total.setFontAndSize(font, SIZE);
            total.setTextMatrix(0, 0);
            total.showText(String.valueOf(writer.getPageNumber() - 1));
            total.endText();
        }
    }
}
