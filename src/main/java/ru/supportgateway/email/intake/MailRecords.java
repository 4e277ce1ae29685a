package ru.supportgateway.email.intake;

import java.time.Instant;
import java.util.List;

import ru.supportgateway.email.MailAddress;
import ru.supportgateway.email.ParsedMail;
import ru.supportgateway.journal.Correspondence;

/** How an incoming mail is written into a request's correspondence. */
final class MailRecords {

    private MailRecords() {
    }

    static Correspondence.NewMessage incoming(long requestId, ParsedMail m, Instant receivedAt, String deskAddress) {
        List<Correspondence.Attachment> files = m.attachments().stream()
                .map(a -> new Correspondence.Attachment(a.fileName(), a.contentType(), a.size(), a.sha256(), a.bytes()))
                .toList();
        String from = m.from() == null ? null : m.from().address();
        return new Correspondence.NewMessage(requestId, Correspondence.Direction.IN, Correspondence.Kind.EMAIL,
                receivedAt, from, display(m.from()), deskAddress, m.subject(), m.messageId(), m.textBody(),
                m.sanitisedHtml(), files);
    }

    /** Where an answer to this mail goes: Reply-To when the sender asked for it, else From. */
    static MailAddress replyAddress(ParsedMail m) {
        return m.replyTo().isEmpty() ? m.from() : m.replyTo().get(0);
    }

    static String display(MailAddress a) {
        if (a == null) {
            return null;
        }
        return a.displayName() == null ? a.address() : a.displayName() + " <" + a.address() + ">";
    }
}
