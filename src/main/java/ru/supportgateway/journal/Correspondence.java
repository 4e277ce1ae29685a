package ru.supportgateway.journal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import ru.supportgateway.db.SqlRows;

/**
 * A request's correspondence, both ways: the mail that came in (with attachments), the answers
 * and acknowledgements that went out, voicemails and operators' notes. Every Message-ID is kept,
 * ours too, so a reply naming any of them in In-Reply-To/References finds its request.
 */
@Repository
public class Correspondence {

    private final JdbcClient jdbc;

    public Correspondence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which way a message went. */
    public enum Direction { IN, OUT }

    /** What kind of item it is. */
    public enum Kind { EMAIL, VOICEMAIL, CALL, NOTE }

    /** A file that came with a message. */
    public record Attachment(String fileName, String contentType, long size, String sha256, byte[] content) {
    }

    /** A message to add; {@code messageId} without angle brackets; {@code htmlBody} already sanitised. */
    public record NewMessage(long requestId, Direction direction, Kind kind, Instant at, @Nullable String author,
                             @Nullable String from, @Nullable String to, @Nullable String subject,
                             @Nullable String messageId, String textBody, @Nullable String htmlBody,
                             List<Attachment> attachments) {
        public NewMessage {
            textBody = textBody == null ? "" : textBody;
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /** One item of the correspondence as shown to an operator (attachments without their bytes). */
    public record Item(long id, Direction direction, Kind kind, Instant at, String author, String from, String to,
                       String subject, String messageId, String textBody, String htmlBody,
                       List<AttachmentInfo> attachments) {
    }

    public record AttachmentInfo(long id, String fileName, String contentType, long size, String sha256) {
    }

    @Transactional
    public long add(NewMessage m) {
        return add(List.of(m)).get(0);
    }

    /** Adds several messages (one statement for the messages, one for their files); their ids in order. */
    @Transactional
    public List<Long> add(List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        // The ids first, so that each file goes with its own message whatever order the rows are written in.
        List<Long> ids = jdbc.sql("SELECT nextval(pg_get_serial_sequence('message', 'id')) FROM generate_series(1, ?)")
                .param(messages.size()).query(Long.class).list();
        List<Object[]> rows = new ArrayList<>(messages.size());
        List<Object[]> files = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            NewMessage m = messages.get(i);
            rows.add(new Object[] {ids.get(i), m.requestId(), m.direction().name(), m.kind().name(),
                    Timestamp.from(m.at()), m.author(), m.from(), m.to(), m.subject(), m.messageId(), m.textBody(),
                    m.htmlBody()});
            for (Attachment a : m.attachments()) {
                files.add(new Object[] {ids.get(i), a.fileName(), a.contentType(), a.size(), a.sha256(), a.content()});
            }
        }
        for (List<Object[]> chunk : SqlRows.chunks(rows, 12)) {
            jdbc.sql("""
                    INSERT INTO message (id, request_id, direction, kind, at, author, from_address, to_address, subject,
                                         message_id, text_body, html_body)
                    VALUES """ + SqlRows.values(chunk.size(), "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"))
                    .params(chunk.stream().flatMap(Arrays::stream).toList()).update();
        }
        for (List<Object[]> chunk : SqlRows.chunks(files, 6)) {
            jdbc.sql("INSERT INTO attachment (message_id, file_name, content_type, size, sha256, content) VALUES "
                    + SqlRows.values(chunk.size(), "?, ?, ?, ?, ?, ?"))
                    .params(chunk.stream().flatMap(Arrays::stream).toList()).update();
        }
        return ids;
    }

    /** The request a message belongs to, by any of its Message-IDs (ours or the sender's). */
    public Optional<Long> requestOfMessageId(String messageId) {
        return jdbc.sql("SELECT request_id FROM message WHERE message_id = ? ORDER BY id LIMIT 1")
                .param(messageId).query(Long.class).optional();
    }

    /** The latest Message-IDs of a request, oldest first, for the References header of an answer. */
    public List<String> messageIds(long requestId) {
        return jdbc.sql("SELECT message_id FROM message WHERE request_id = ? AND message_id IS NOT NULL ORDER BY at, id")
                .param(requestId).query(String.class).list();
    }

    /** The correspondence of a request in order. */
    public List<Item> of(long requestId) {
        List<Item> items = jdbc.sql("""
                SELECT id, direction, kind, at, author, from_address, to_address, subject, message_id, text_body, html_body
                  FROM message WHERE request_id = ? ORDER BY at, id""")
                .param(requestId)
                .query((rs, n) -> new Item(rs.getLong("id"), Direction.valueOf(rs.getString("direction")),
                        Kind.valueOf(rs.getString("kind")), rs.getTimestamp("at").toInstant(), rs.getString("author"),
                        rs.getString("from_address"), rs.getString("to_address"), rs.getString("subject"),
                        rs.getString("message_id"), rs.getString("text_body"), rs.getString("html_body"), List.of()))
                .list();
        return items.stream().map(i -> new Item(i.id(), i.direction(), i.kind(), i.at(), i.author(), i.from(), i.to(),
                i.subject(), i.messageId(), i.textBody(), i.htmlBody(), attachmentsOf(i.id()))).toList();
    }

    private List<AttachmentInfo> attachmentsOf(long messageId) {
        return jdbc.sql("SELECT id, file_name, content_type, size, sha256 FROM attachment WHERE message_id = ? ORDER BY id")
                .param(messageId)
                .query((rs, n) -> new AttachmentInfo(rs.getLong("id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256")))
                .list();
    }

    /** An attachment's bytes with the request it belongs to, so the caller can check who may see it. */
    public record AttachmentContent(long requestId, String fileName, String contentType, byte[] content) {
    }

    public Optional<AttachmentContent> attachment(long attachmentId) {
        return jdbc.sql("""
                SELECT m.request_id, a.file_name, a.content_type, a.content
                  FROM attachment a JOIN message m ON m.id = a.message_id WHERE a.id = ?""")
                .param(attachmentId)
                .query((rs, n) -> new AttachmentContent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .optional();
    }
}
