-- Monthly journal (Form No. 1) reports and mail attachments for them.

-- Files attached to an outgoing mail (the outbox itself holds text mail only). Kept apart from the
-- outbox row so the outbox's polling queries never read the bytes.
CREATE TABLE outbox_attachment (
    outbox_id    bigint NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    position     int    NOT NULL,
    file_name    text   NOT NULL,
    content_type text   NOT NULL,
    content      bytea  NOT NULL,
    PRIMARY KEY (outbox_id, position)
);

-- Each desk's monthly journal that was generated and queued for its head. The unique key is what
-- makes the mailing happen once: several gateway nodes (or a restart) may try the same month, and
-- only the one whose INSERT wins queues the mail, in the same transaction.
CREATE TABLE journal_report (
    id           bigserial PRIMARY KEY,
    desk_id      text        NOT NULL,
    -- the first day of the reported month, in the desk's calendar
    month        date        NOT NULL CHECK (extract(day FROM month) = 1),
    generated_at timestamptz NOT NULL,
    row_count    int         NOT NULL CHECK (row_count >= 0),
    mailed_to    text        NOT NULL,
    -- the outbox mail that carries the PDF and XLSX
    message_id   text        NOT NULL,
    UNIQUE (desk_id, month)
);
