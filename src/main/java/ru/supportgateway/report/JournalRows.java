package ru.supportgateway.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.StringJoiner;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.supportgateway.journal.Channel;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.journal.RequestType;

/** Reads a month of the journal from PostgreSQL as Form No. 1 rows, in registration order. */
@Component
public class JournalRows {

    /** Rows fetched per round trip: PostgreSQL streams with a cursor instead of sending the whole month at once. */
    static final int FETCH_SIZE = 1000;

    private final JdbcClient jdbc;

    public JournalRows(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.jdbc = JdbcClient.create(template);
    }

    /**
     * The rows of one month. Call inside a transaction: only then does the PostgreSQL driver use a cursor
     * (outside one it would load the whole month into memory first).
     */
    public JournalRowSource of(MonthlyJournal journal) {
        return row -> {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException("JournalRows must be read inside a transaction");
            }
            long[] count = {0};
            jdbc.sql("""
                    SELECT number, channel, type, status, subject, description, organisation, person, additional_info,
                           note, contact_email, contact_phone, registered_at, resolved_at
                      FROM request
                     WHERE desk_id = :desk AND registered_at >= :from AND registered_at < :before
                     ORDER BY registered_at, id""")
                    .param("desk", journal.deskId())
                    .param("from", journal.from().atOffset(ZoneOffset.UTC))
                    .param("before", journal.before().atOffset(ZoneOffset.UTC))
                    .query(rs -> {
                        row.accept(row(rs, journal.zone()));
                        count[0]++;
                    });
            return count[0];
        };
    }

    static JournalRow row(ResultSet rs, ZoneId zone) throws SQLException {
        return new JournalRow(local(rs, "registered_at", zone), rs.getString("number"),
                RequestType.valueOf(rs.getString("type")).label(),
                description(rs.getString("subject"), rs.getString("description")),
                rs.getString("organisation"), rs.getString("person"),
                additionalInfo(rs.getString("additional_info"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("contact_email"), rs.getString("contact_phone")),
                RequestStatus.valueOf(rs.getString("status")).label(), local(rs, "resolved_at", zone),
                rs.getString("note"));
    }

    /** The subject says what it is about; the text follows unless it only repeats the subject. */
    static String description(String subject, String text) {
        String s = subject == null ? "" : subject.strip();
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equals(s)) {
            return s;
        }
        return s.isEmpty() ? t : s + "\n" + t;
    }

    /** The operator's notes first, then how the request came in and how to reach the applicant. */
    static String additionalInfo(String info, Channel channel, String email, String phone) {
        StringJoiner parts = new StringJoiner("; ");
        if (info != null && !info.isBlank()) {
            parts.add(info.strip());
        }
        parts.add(channel.label());
        if (email != null && !email.isBlank()) {
            parts.add(email.strip());
        }
        if (phone != null && !phone.isBlank()) {
            parts.add(phone.strip());
        }
        return parts.toString();
    }

    private static LocalDateTime local(ResultSet rs, String column, ZoneId zone) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.atZoneSameInstant(zone).toLocalDateTime();
    }
}
