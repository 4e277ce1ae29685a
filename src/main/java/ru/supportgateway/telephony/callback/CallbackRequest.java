package ru.supportgateway.telephony.callback;

/** Ring operator {@code operatorExtension}; when answered, dial {@code customerNumber} for ticket {@code ticketId}. */
public record CallbackRequest(String ticketId, String operatorExtension, String customerNumber) {
}
