package ru.supportgateway.report;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import ru.supportgateway.desk.Desks;

/** Builds a desk's monthly journal as PDF and XLSX. Who may ask is the caller's concern. */
@Service
public class MonthlyJournals {

    private final Desks desks;
    private final JournalRows rows;
    private final JournalPdf pdf;
    private final JournalXlsx xlsx;
    private final Clock clock;
    private final TransactionTemplate snapshot;

    public MonthlyJournals(Desks desks, JournalRows rows, JournalPdf pdf, JournalXlsx xlsx, Clock clock,
                           PlatformTransactionManager transactions) {
        this.desks = desks;
        this.rows = rows;
        this.pdf = pdf;
        this.xlsx = xlsx;
        this.clock = clock;
        // Read-only and repeatable read: the PDF and the XLSX of one mailing see the same journal,
        // even while operators keep changing statuses during the seconds it takes to render them.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** @throws Desks.UnknownDeskException (404) for a desk that is not configured */
    public MonthlyJournal of(String deskId, YearMonth month) {
        return MonthlyJournal.of(desks.get(deskId), month);
    }

    /** A rendered file of the journal. */
    public record JournalFile(String name, String contentType, byte[] content, long rows) {
        public JournalFile {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    public JournalFile render(MonthlyJournal journal, ReportFormat format) {
        Instant now = clock.instant();
        return snapshot.execute(status -> render(journal, format, now));
    }

    /** Both files from one snapshot of the journal: PDF first, then XLSX. */
    public List<JournalFile> renderAll(MonthlyJournal journal) {
        Instant now = clock.instant();
        return snapshot.execute(status -> List.of(render(journal, ReportFormat.PDF, now),
                render(journal, ReportFormat.XLSX, now)));
    }

    private JournalFile render(MonthlyJournal journal, ReportFormat format, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        JournalRowSource source = rows.of(journal);
        long count = switch (format) {
            case PDF -> pdf.write(journal, now, source, out);
            case XLSX -> xlsx.write(journal, now, source, out);
        };
        return new JournalFile(journal.fileName(format), format.contentType(), out.toByteArray(), count);
    }
}
