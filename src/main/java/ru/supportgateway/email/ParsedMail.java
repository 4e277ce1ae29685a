package ru.supportgateway.email;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway needs from one incoming email, decoded to Unicode.
 *
 * @param messageId      Message-ID without angle brackets, or {@code null} when absent
 * @param inReplyTo      first message id of In-Reply-To without brackets, or {@code null}
 * @param references     References ids in header order (oldest first), without brackets
 * @param from           first From mailbox (Sender when From is missing), or {@code null} when neither parses
 * @param replyTo        Reply-To mailboxes (empty when absent)
 * @param to             To mailboxes
 * @param cc             Cc mailboxes
 * @param subject        decoded subject, empty string when absent
 * @param date           Date header as an instant, or {@code null} when absent or unparseable
 * @param textBody       plain text of the body (from text/plain, else converted from HTML), LF line ends,
 *                       no leading blank lines or trailing white space; empty when none
 * @param sanitisedHtml  HTML body with everything active removed, or {@code null} when the mail had no HTML
 * @param attachments    attachments and inline parts in document order
 * @param automation     headers the loop guard looks at
 * @param contentHash    lower-case hex SHA-256 of the raw bytes; idempotency key when Message-ID is missing
 * @param rawSize        size of the raw message in bytes
 */
public record ParsedMail(
        String messageId,
        String inReplyTo,
        List<String> references,
        MailAddress from,
        List<MailAddress> replyTo,
        List<MailAddress> to,
        List<MailAddress> cc,
        String subject,
        Instant date,
        String textBody,
        String sanitisedHtml,
        List<MailAttachment> attachments,
        AutomationHeaders automation,
        String contentHash,
        long rawSize) {

    public ParsedMail {
        references = List.copyOf(Objects.requireNonNull(references, "references"));
        replyTo = List.copyOf(Objects.requireNonNull(replyTo, "replyTo"));
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        cc = List.copyOf(Objects.requireNonNull(cc, "cc"));
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        subject = subject == null ? "" : subject;
        textBody = textBody == null ? "" : textBody;
        Objects.requireNonNull(automation, "automation");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** Key for "have we already stored this mail": the Message-ID, else the content hash. */
    public String idempotencyKey() {
        return messageId != null ? "mid:" + messageId : "sha256:" + contentHash;
    }
}
