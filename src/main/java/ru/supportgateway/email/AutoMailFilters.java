package ru.supportgateway.email;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The standard loop-guard filters, one concern each (in the style of Zammad's
 * {@code Channel::Filter} chain). {@link AutoMailDetector#standard(Set)} puts them in order.
 */
public final class AutoMailFilters {

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply", "auto-reply");
    /** X-Auto-Response-Suppress tokens meaning "this mail must not be auto-answered". */
    private static final Set<String> SUPPRESS_TOKENS = Set.of("all", "autoreply", "oof");
    private static final Pattern TOKEN_SPLIT = Pattern.compile("[\\s,;]+");
    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "mail-daemon");

    private AutoMailFilters() {
    }

    /** Our own mail coming back: the gateway marks everything it sends. */
    public static AutoMailFilter ownGatewayMail() {
        return mail -> present(mail.automation().gatewayMarker())
                ? verdict(AutoMailReason.OWN_GATEWAY_MAIL, GatewayHeaders.MARKER + ": " + mail.automation().gatewayMarker())
                : Optional.empty();
    }

    /** Mail from one of our own desk addresses would make desks answer each other forever. */
    public static AutoMailFilter ownAddress(Set<String> ownAddresses) {
        Set<String> own = ownAddresses.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return mail -> mail.from() != null && own.contains(mail.from().normalised())
                ? verdict(AutoMailReason.OWN_ADDRESS, "From: " + mail.from().address())
                : Optional.empty();
    }

    /** RFC 3834: anything but {@code no} means the mail was generated automatically. */
    public static AutoMailFilter autoSubmitted() {
        return mail -> {
            String value = mail.automation().autoSubmitted();
            if (!present(value)) {
                return Optional.empty();
            }
            // The keyword may carry parameters/comments: "auto-replied; owner-email=..."
            String keyword = value.split("[;(\\s]", 2)[0].toLowerCase(Locale.ROOT);
            return keyword.equals("no") ? Optional.empty() : verdict(AutoMailReason.AUTO_SUBMITTED, "Auto-Submitted: " + value);
        };
    }

    public static AutoMailFilter autoreplyHeaders() {
        return mail -> {
            AutomationHeaders h = mail.automation();
            if (present(h.xAutoreply())) {
                return verdict(AutoMailReason.AUTOREPLY_HEADER, "X-Autoreply: " + h.xAutoreply());
            }
            if (present(h.xAutorespond())) {
                return verdict(AutoMailReason.AUTOREPLY_HEADER, "X-Autorespond: " + h.xAutorespond());
            }
            return Optional.empty();
        };
    }

    /**
     * Outlook/Exchange put this on out-of-office replies and other generated mail. Only All, OOF and
     * AutoReply mean "do not answer me"; DR/NDR/RN/NRN alone only suppress receipts.
     */
    public static AutoMailFilter autoResponseSuppress() {
        return mail -> {
            String value = mail.automation().autoResponseSuppress();
            if (!present(value)) {
                return Optional.empty();
            }
            for (String token : TOKEN_SPLIT.split(value.strip().toLowerCase(Locale.ROOT))) {
                if (SUPPRESS_TOKENS.contains(token)) {
                    return verdict(AutoMailReason.AUTO_RESPONSE_SUPPRESS, "X-Auto-Response-Suppress: " + value);
                }
            }
            return Optional.empty();
        };
    }

    public static AutoMailFilter precedence() {
        return mail -> {
            String value = mail.automation().precedence();
            return present(value) && BULK_PRECEDENCE.contains(value.strip().toLowerCase(Locale.ROOT))
                    ? verdict(AutoMailReason.PRECEDENCE, "Precedence: " + value)
                    : Optional.empty();
        };
    }

    public static AutoMailFilter mailingList() {
        return mail -> {
            AutomationHeaders h = mail.automation();
            if (present(h.listId())) {
                return verdict(AutoMailReason.MAILING_LIST, "List-Id: " + h.listId());
            }
            if (present(h.listUnsubscribe())) {
                return verdict(AutoMailReason.MAILING_LIST, "List-Unsubscribe: " + h.listUnsubscribe());
            }
            return Optional.empty();
        };
    }

    /** RFC 3464 delivery status notifications. */
    public static AutoMailFilter deliveryStatus() {
        return mail -> {
            AutomationHeaders h = mail.automation();
            boolean report = "multipart/report".equals(h.mimeType()) && h.reportType() != null
                    && h.reportType().contains("delivery-status");
            if (report) {
                return verdict(AutoMailReason.DELIVERY_STATUS_NOTIFICATION, "Content-Type: multipart/report; report-type="
                        + h.reportType());
            }
            if (h.hasDeliveryStatusPart() || "message/delivery-status".equals(h.mimeType())) {
                return verdict(AutoMailReason.DELIVERY_STATUS_NOTIFICATION, "message/delivery-status part");
            }
            return Optional.empty();
        };
    }

    /** A null envelope sender is reserved for bounces (RFC 5321 4.5.5); Exim adds X-Failed-Recipients. */
    public static AutoMailFilter bounceEnvelope() {
        return mail -> {
            AutomationHeaders h = mail.automation();
            if (h.returnPath() != null && h.returnPath().replaceAll("\\s", "").equals("<>")) {
                return verdict(AutoMailReason.BOUNCE_ENVELOPE, "Return-Path: <>");
            }
            if (present(h.failedRecipients())) {
                return verdict(AutoMailReason.BOUNCE_ENVELOPE, "X-Failed-Recipients: " + h.failedRecipients());
            }
            return Optional.empty();
        };
    }

    public static AutoMailFilter systemSender() {
        return mail -> mail.from() != null && SYSTEM_LOCAL_PARTS.contains(mail.from().localPart().toLowerCase(Locale.ROOT))
                ? verdict(AutoMailReason.SYSTEM_SENDER, "From: " + mail.from().address())
                : Optional.empty();
    }

    /** noreply, no-reply, no_reply, donotreply, do-not-reply, also as part of a longer local part. */
    public static AutoMailFilter noReplySender() {
        return mail -> {
            if (mail.from() == null) {
                return Optional.empty();
            }
            String local = mail.from().localPart().toLowerCase(Locale.ROOT).replaceAll("[-_.+]", "");
            return local.contains("noreply") || local.contains("donotreply")
                    ? verdict(AutoMailReason.NO_REPLY_SENDER, "From: " + mail.from().address())
                    : Optional.empty();
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Optional<AutoMailVerdict> verdict(AutoMailReason reason, String detail) {
        return Optional.of(AutoMailVerdict.automatic(reason, detail));
    }
}
