package ru.supportgateway.email;

/**
 * The headers and structure facts that tell automatic mail from mail written by a person. Values
 * are the raw (unfolded, trimmed) header values, or {@code null} when the header is absent.
 *
 * @param autoSubmitted          RFC 3834 {@code Auto-Submitted}
 * @param precedence             {@code Precedence}
 * @param autoResponseSuppress   Microsoft {@code X-Auto-Response-Suppress}
 * @param listId                 RFC 2919 {@code List-Id}
 * @param listUnsubscribe        RFC 2369 {@code List-Unsubscribe}
 * @param xAutoreply             {@code X-Autoreply}
 * @param xAutorespond           {@code X-Autorespond}
 * @param gatewayMarker          our own {@link GatewayHeaders#MARKER} header, set on mail the gateway sends
 * @param returnPath             {@code Return-Path} as written (an empty {@code <>} marks bounces)
 * @param failedRecipients       {@code X-Failed-Recipients} (set by Exim on bounces)
 * @param mimeType               top-level MIME type in lower case, e.g. {@code multipart/report}
 * @param reportType             {@code report-type} parameter of a top-level multipart/report, lower case
 * @param hasDeliveryStatusPart  true when any part is {@code message/delivery-status}
 */
public record AutomationHeaders(
        String autoSubmitted,
        String precedence,
        String autoResponseSuppress,
        String listId,
        String listUnsubscribe,
        String xAutoreply,
        String xAutorespond,
        String gatewayMarker,
        String returnPath,
        String failedRecipients,
        String mimeType,
        String reportType,
        boolean hasDeliveryStatusPart) {

    /** No automation headers at all; handy for tests and for mail built in code. */
    public static AutomationHeaders none() {
        return new AutomationHeaders(null, null, null, null, null, null, null, null, null, null,
                "text/plain", null, false);
    }
}
