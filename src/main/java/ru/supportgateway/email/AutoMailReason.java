package ru.supportgateway.email;

/** Why a mail counts as automatic (and so gets no acknowledgement). */
public enum AutoMailReason {
    /** Carries our own {@link GatewayHeaders#MARKER} header: one of our acknowledgements came back. */
    OWN_GATEWAY_MAIL,
    /** Sent from one of the gateway's own desk addresses. */
    OWN_ADDRESS,
    /** RFC 3834 {@code Auto-Submitted} with any value but {@code no}. */
    AUTO_SUBMITTED,
    /** {@code X-Autoreply} or {@code X-Autorespond} present. */
    AUTOREPLY_HEADER,
    /** Microsoft {@code X-Auto-Response-Suppress} asks not to be answered automatically. */
    AUTO_RESPONSE_SUPPRESS,
    /** {@code Precedence: bulk | junk | list | auto_reply}. */
    PRECEDENCE,
    /** Mailing list or newsletter ({@code List-Id}, {@code List-Unsubscribe}). */
    MAILING_LIST,
    /** Delivery status notification (bounce): multipart/report or message/delivery-status. */
    DELIVERY_STATUS_NOTIFICATION,
    /** Null envelope sender ({@code Return-Path: <>}) or {@code X-Failed-Recipients}: a bounce. */
    BOUNCE_ENVELOPE,
    /** Sender is a mail system account: MAILER-DAEMON, postmaster. */
    SYSTEM_SENDER,
    /** Sender says it takes no replies: noreply, no-reply, do-not-reply... */
    NO_REPLY_SENDER
}
