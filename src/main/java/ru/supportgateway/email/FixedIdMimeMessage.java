package ru.supportgateway.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Jakarta Mail replaces the Message-ID on every save; ours is chosen when the mail enters the outbox
 * (so a parent's reply can be threaded, and a retry is the same message), so it must be kept.
 */
final class FixedIdMimeMessage extends MimeMessage {

    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", "<" + messageId + ">");
    }
}
