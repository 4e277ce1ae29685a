package ru.supportgateway.email.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
     * Inserts the mails the desk does not have yet (same dedup key), in as few statements as their size allows,
     * in the caller's transaction: commit it before the mailbox copies are flagged. The ids in the given order.
     */
    public List<Stored> store(List<NewInbound> mails) {
        Map<String, Long> fresh = new HashMap<>();
        List<NewInbound> chunk = new ArrayList<>();
        long bytes = 0;
        for (NewInbound m : mails) {
            if (!chunk.isEmpty() && (bytes + m.raw().length > MAX_STATEMENT_BYTES
                    || (chunk.size() + 1) * 11 > SqlRows.MAX_PARAMETERS)) {
                insert(chunk, fresh);
                chunk.clear();
                bytes = 0;
            }
            chunk.add(m);
            bytes += m.raw().length;
        }
        if (!chunk.isEmpty()) {
            insert(chunk, fresh);
        }
        Map<String, Long> before = new HashMap<>();
        List<NewInbound> seen = mails.stream().filter(m -> !fresh.containsKey(m.deskId() + " " + m.dedupKey())).toList();
        for (List<NewInbound> part : SqlRows.chunks(seen, 2)) {
            List<Object> params = part.stream().<Object>flatMap(m -> java.util.stream.Stream.of(m.deskId(), m.dedupKey())).toList();
            jdbc.sql("SELECT id, desk_id, dedup_key FROM inbound_message WHERE (desk_id, dedup_key) IN ("
                            + SqlRows.values(part.size(), "?, ?") + ")")
                    .params(params)
                    .query((rs, n) -> before.put(rs.getString("desk_id") + " " + rs.getString("dedup_key"), rs.getLong("id")))
                    .list();
        }
        Set<String> taken = new HashSet<>();
        List<Stored> stored = new ArrayList<>(mails.size());
        for (NewInbound m : mails) {
            String key = m.deskId() + " " + m.dedupKey();
            Long id = fresh.get(key);
            // the same mail twice in one poll: the first is new, the second is not
            stored.add(id != null && taken.add(key) ? new Stored(id, true) : new Stored(id != null ? id : before.get(key), false));
        }
        return stored;
    }

    /** Bytes of raw mail in one INSERT: a large poll goes in several. */
    private static final long MAX_STATEMENT_BYTES = 16L * 1024 * 1024;

    private void insert(List<NewInbound> chunk, Map<String, Long> fresh) {
        List<Object> params = new ArrayList<>(chunk.size() * 11);
        for (NewInbound m : chunk) {
            params.addAll(Arrays.asList(m.deskId(), m.dedupKey(), m.raw(), m.size(), utc(m.receivedAt()), m.state().name(),
                    m.reason(), m.messageId(), m.from(), m.subject(), utc(m.nextAttemptAt())));
        }
        jdbc.sql("""
                INSERT INTO inbound_message (desk_id, dedup_key, raw, size, received_at, state, reason, message_id,
                                             from_address, subject, next_attempt_at)
                VALUES %s
                ON CONFLICT (desk_id, dedup_key) DO NOTHING RETURNING id, desk_id, dedup_key"""
                        .formatted(SqlRows.values(chunk.size(), "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")))
                .params(params)
                .query((rs, n) -> fresh.put(rs.getString("desk_id") + " " + rs.getString("dedup_key"), rs.getLong("id")))
                .list();
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
