package ru.supportgateway.email.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.supportgateway.db.SqlRows;

/** The {@code inbound_message} table: mail as received, and where each one stands. */
@Repository
public class InboundMessages {

    private final JdbcClient jdbc;

    public InboundMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What is stored on receipt. */
    public record NewInbound(String deskId, String dedupKey, byte[] raw, long size, Instant receivedAt,
                             InboundState state, String reason, String messageId, String from, String subject,
                             Instant nextAttemptAt) {
    }

    /** The stored row's id, and whether this call stored it (false: it was there already). */
    public record Stored(long id, boolean fresh) {
    }

    /**
     * Inserts the mail unless the desk has it already (same dedup key); commits on its own (no
     * surrounding transaction), so the row is durable before the mailbox copy is flagged.
     */
    public Stored store(NewInbound m) {
        Optional<Long> id = jdbc.sql("""
                INSERT INTO inbound_message (desk_id, dedup_key, raw, size, received_at, state, reason, message_id,
                                             from_address, subject, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (desk_id, dedup_key) DO NOTHING RETURNING id""")
                .params(m.deskId(), m.dedupKey(), m.raw(), m.size(), utc(m.receivedAt()), m.state().name(), m.reason(),
                        m.messageId(), m.from(), m.subject(), utc(m.nextAttemptAt()))
                .query(Long.class).optional();
        if (id.isPresent()) {
            return new Stored(id.get(), true);
        }
        return new Stored(jdbc.sql("SELECT id FROM inbound_message WHERE desk_id = ? AND dedup_key = ?")
                .params(m.deskId(), m.dedupKey()).query(Long.class).single(), false);
    }

    /** A row taken for processing: locked by this transaction until it ends. */
    public record Row(long id, String deskId, byte[] raw, Instant receivedAt, Instant registerAt, String ackMessageId) {
    }

    /**
     * Locks those of the rows that are still in {@code state} and that no other transaction holds ({@code SKIP
     * LOCKED}: another node or poll is processing them, and will settle them), in id order. The others are
     * left out: nothing to do here.
     */
    public List<Row> lock(Collection<Long> ids, InboundState state) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, desk_id, raw, received_at, register_at, ack_message_id FROM inbound_message
                 WHERE id IN (:ids) AND state = :state ORDER BY id FOR UPDATE SKIP LOCKED""")
                .param("ids", ids).param("state", state.name())
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("desk_id"), rs.getBytes("raw"),
                        instant(rs.getObject("received_at", OffsetDateTime.class)),
                        instant(rs.getObject("register_at", OffsetDateTime.class)), rs.getString("ack_message_id")))
                .list();
    }

    /** Where a processed mail stands now. */
    public record Settlement(long id, InboundState state, String reason, Long requestId, Instant registerAt,
                             String ackMessageId, String messageId, String from, String subject) {
    }

    /** Writes where processed mails stand now (in the processing transaction), in one statement. */
    public void settle(List<Settlement> mails, Instant now) {
        if (mails.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        params.add(utc(now)); // processed_at, before the rows' values
        for (Settlement m : mails) {
            params.addAll(Arrays.asList(m.id(), m.state().name(), m.reason(), m.requestId(), utc(m.registerAt()),
                    m.ackMessageId(), m.messageId(), m.from(), m.subject()));
        }
        jdbc.sql("""
                UPDATE inbound_message i SET state = v.state, reason = v.reason, request_id = v.request_id,
                       register_at = v.register_at, ack_message_id = v.ack_message_id,
                       message_id = coalesce(v.message_id, i.message_id), from_address = coalesce(v.from_address, i.from_address),
                       subject = coalesce(v.subject, i.subject), processed_at = ?, next_attempt_at = NULL
                  FROM (VALUES %s) AS v(id, state, reason, request_id, register_at, ack_message_id, message_id,
                                        from_address, subject)
                 WHERE i.id = v.id""".formatted(SqlRows.values(mails.size(),
                        "CAST(? AS bigint), ?, ?, CAST(? AS bigint), CAST(? AS timestamptz), ?, ?, ?, ?")))
                .params(params)
                .update();
    }

    /**
     * Counts a failed processing attempt: retried after a doubling pause, quarantined once the attempts
     * run out. Runs outside the failed transaction (which was rolled back).
     */
    public void recordFailure(long id, String error, Instant now, java.time.Duration firstPause, int maxAttempts) {
        String reason = error == null ? "processing failed" : (error.length() > 2000 ? error.substring(0, 2000) : error);
        jdbc.sql("""
                UPDATE inbound_message SET attempts = attempts + 1, reason = ?,
                       next_attempt_at = ? + make_interval(secs => ? * power(2, least(attempts, 10))),
                       state = CASE WHEN attempts + 1 >= ? THEN 'QUARANTINED' ELSE state END
                 WHERE id = ? AND state IN ('RECEIVED', 'DEFERRED')""")
                .params(reason, utc(now), (double) firstPause.toSeconds(), maxAttempts, id)
                .update();
    }

    /**
     * Notes a processing attempt that failed because the database was away: retried after the pause,
     * not counted as an attempt (it says nothing about the mail).
     */
    public void recordOutage(long id, String error, Instant now, java.time.Duration pause) {
        String reason = error.length() > 2000 ? error.substring(0, 2000) : error;
        jdbc.sql("""
                UPDATE inbound_message SET reason = ?, next_attempt_at = ? + make_interval(secs => ?)
                 WHERE id = ? AND state IN ('RECEIVED', 'DEFERRED')""")
                .params(reason, utc(now), (double) pause.toSeconds(), id)
                .update();
    }

    /** Deferred mail (of this desk) with one of these Message-IDs, or whose acknowledgement had it. */
    public Optional<Long> deferredWithMessageId(String deskId, List<String> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id FROM inbound_message
                 WHERE desk_id = :desk AND state = 'DEFERRED' AND (message_id IN (:ids) OR ack_message_id IN (:ids))
                 ORDER BY id LIMIT 1""")
                .param("desk", deskId).param("ids", ids).query(Long.class).optional();
    }

    /** One quarantined mail as an administrator sees it in the list. */
    public record Quarantined(long id, String desk, Instant received, String reason, long size, String from,
                              String subject, String messageId, int attempts) {
    }

    public List<Quarantined> quarantined(int limit) {
        return jdbc.sql("""
                SELECT id, desk_id, received_at, reason, size, from_address, subject, message_id, attempts
                  FROM inbound_message WHERE state = 'QUARANTINED' ORDER BY received_at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new Quarantined(rs.getLong("id"), rs.getString("desk_id"),
                        instant(rs.getObject("received_at", OffsetDateTime.class)), rs.getString("reason"),
                        rs.getLong("size"), rs.getString("from_address"), rs.getString("subject"),
                        rs.getString("message_id"), rs.getInt("attempts")))
                .list();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
