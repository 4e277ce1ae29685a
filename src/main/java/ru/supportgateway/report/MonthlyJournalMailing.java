package ru.supportgateway.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.email.MailTemplates;
import ru.supportgateway.email.Outbox;
import ru.supportgateway.email.OutgoingAttachment;
import ru.supportgateway.email.OutgoingMail;

/**
 * Mails each desk's journal for the past month to the desk's head on the 10th of the following month
 * (the regulation: the journal is printed, signed and handed to the head then). Called by the
 * {@code monthly-journal} route every few minutes; a journal is due from the 10th at
 * {@code gateway.reports.at} in the desk's zone, so a gateway that was down then mails it at its next check.
 *
 * <p>Each mailed journal is recorded in {@code journal_report}, unique per desk and month, in the same
 * transaction that queues the mail: with several nodes, or a restart in between, only one mail is queued.
 * Only the latest due month is considered, so a new installation does not mail years of old journals.
 */
@Component("monthlyJournalMailing")
@EnableConfigurationProperties(ReportProperties.class)
public class MonthlyJournalMailing {

    static final String TEMPLATE = "monthly-journal";
    private static final Logger log = LoggerFactory.getLogger(MonthlyJournalMailing.class);

    private final Desks desks;
    private final MonthlyJournals journals;
    private final MailTemplates templates;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ReportProperties settings;
    private final TransactionTemplate transaction;
    /** Desk-months already reported as skipped, so a desk without a head is logged once a month, not every check. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public MonthlyJournalMailing(Desks desks, MonthlyJournals journals, MailTemplates templates, Outbox outbox,
                                 JdbcClient jdbc, Clock clock, ReportProperties settings,
                                 PlatformTransactionManager transactions) {
        this.desks = desks;
        this.journals = journals;
        this.templates = templates;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What one check did for one desk. */
    public record Outcome(String deskId, YearMonth month, Result result) {
    }

    public enum Result {
        /** Generated and queued for the head now. */
        MAILED,
        /** Already mailed (by this node or another). */
        ALREADY_MAILED,
        /** The desk has no {@code head-email}. */
        NO_HEAD,
        /** Neither the desk's email address nor {@code gateway.reports.mail-from} to send from. */
        NO_SENDER,
        /** Rendering or queuing failed; tried again at the next check. */
        FAILED
    }

    /** Mails every desk's due journal that has not been mailed yet. */
    public List<Outcome> runDue() {
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        for (Desk desk : desks.all()) {
            YearMonth month = dueMonth(now, desk.zone());
            outcomes.add(new Outcome(desk.id(), month, mailIfDue(desk, month)));
        }
        return outcomes;
    }

    /** The latest month whose journal is due at {@code now} in {@code zone}. */
    YearMonth dueMonth(Instant now, ZoneId zone) {
        return dueMonth(now, zone, settings.dayOfMonth(), settings.at());
    }

    /** The journal of month M is due from day {@code day} of M+1 at {@code at} in the desk's zone. */
    static YearMonth dueMonth(Instant now, ZoneId zone, int day, LocalTime at) {
        ZonedDateTime local = now.atZone(zone);
        YearMonth current = YearMonth.from(local);
        ZonedDateTime dueThisMonth = current.atDay(day).atTime(at).atZone(zone);
        return local.isBefore(dueThisMonth) ? current.minusMonths(2) : current.minusMonths(1);
    }

    private Result mailIfDue(Desk desk, YearMonth month) {
        if (mailed(desk.id(), month)) {
            return Result.ALREADY_MAILED;
        }
        if (desk.headEmail().isEmpty()) {
            warnOnce(desk, month, "no gateway.desks." + desk.id() + ".head-email is configured");
            return Result.NO_HEAD;
        }
        Optional<String> from = desk.email().map(Desk.EmailSettings::address)
                .or(() -> Optional.ofNullable(settings.mailFrom()).filter(s -> !s.isBlank()));
        if (from.isEmpty()) {
            warnOnce(desk, month, "the desk has no email address to send from (gateway.desks." + desk.id()
                    + ".email.address) and gateway.reports.mail-from is not set");
            return Result.NO_SENDER;
        }
        try {
            return mail(desk, month, desk.headEmail().get(), from.get());
        } catch (RuntimeException e) {
            log.error("Monthly journal of desk {} for {} could not be mailed; trying again at the next check", desk.id(), month, e);
            return Result.FAILED;
        }
    }

    private Result mail(Desk desk, YearMonth month, String head, String from) {
        MonthlyJournal journal = MonthlyJournal.of(desk, month);
        List<MonthlyJournals.JournalFile> files = journals.renderAll(journal);
        long rows = files.get(0).rows();
        MailTemplates.Rendered text = templates.render(TEMPLATE, variables(journal, desk, rows, files, clock.instant()));
        OutgoingMail mail = new OutgoingMail(desk.id(), null, OutgoingMail.Kind.REPORT, from, head, text.subject(),
                text.body(), null, List.of(), false);
        List<OutgoingAttachment> attachments = files.stream()
                .map(f -> new OutgoingAttachment(f.name(), f.contentType(), f.content())).toList();
        Boolean queued = transaction.execute(status -> {
            String messageId = outbox.enqueue(mail, attachments);
            int inserted = jdbc.sql("""
                    INSERT INTO journal_report (desk_id, month, generated_at, row_count, mailed_to, message_id)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (desk_id, month) DO NOTHING""")
                    .params(desk.id(), month.atDay(1), Timestamp.from(clock.instant()), rows, head, messageId)
                    .update();
            if (inserted == 0) {
                status.setRollbackOnly(); // another node was first: drop our copy of the mail
            }
            return inserted == 1;
        });
        if (Boolean.TRUE.equals(queued)) {
            log.info("Monthly journal of desk {} for {} ({} rows) queued for {}", desk.id(), month, rows, head);
            return Result.MAILED;
        }
        return Result.ALREADY_MAILED;
    }

    private boolean mailed(String deskId, YearMonth month) {
        return jdbc.sql("SELECT count(*) FROM journal_report WHERE desk_id = ? AND month = ?")
                .params(deskId, month.atDay(1)).query(Integer.class).single() > 0;
    }

    private void warnOnce(Desk desk, YearMonth month, String why) {
        if (warned.add(desk.id() + "/" + month)) {
            log.info("Monthly journal of desk {} for {} is not mailed: {}", desk.id(), month, why);
        }
    }

    private static Map<String, Object> variables(MonthlyJournal journal, Desk desk, long rows,
                                                 List<MonthlyJournals.JournalFile> files, Instant now) {
        // deskName, deskAddress, deskPhone, hours: the same desk details as every other mail
        Map<String, Object> v = new LinkedHashMap<>(MailTemplates.deskVariables(desk, now));
        v.put("month", journal.monthTitle());
        v.put("rows", Form1.requests(rows));
        v.put("firstDay", journal.month().atDay(1).format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
        v.put("lastDay", journal.month().atEndOfMonth().format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
        v.put("zone", journal.zone().getId());
        v.put("files", files.stream().map(MonthlyJournals.JournalFile::name).toList());
        return v;
    }
}
