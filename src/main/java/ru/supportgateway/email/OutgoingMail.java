package ru.supportgateway.email;

import java.util.List;

/**
 * A mail for the outbox. {@code inReplyTo} and {@code references} are Message-IDs without angle
 * brackets; {@code autoSubmitted} marks automatic mail (acknowledgements) per RFC 3834.
 */
public record OutgoingMail(String deskId, Long requestId, Kind kind, String from, String to, String subject,
                           String body, String inReplyTo, List<String> references, boolean autoSubmitted) {

    public OutgoingMail {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** Why the mail is sent; kept with it for the history and the statistics. */
    public enum Kind {
        ACKNOWLEDGEMENT, ANSWER, INFO_REQUEST, REJECTION, NOTICE, REPORT
    }
}
