package ru.supportgateway.journal;

import java.time.Instant;

/** A request as it stands in the journal (one row of Form No. 1, plus contacts and deadlines). */
public record JournalRequest(long id, String number, String deskId, Channel channel, RequestType type,
                             RequestStatus status, String subject, String description, String organisation,
                             String person, String additionalInfo, String note, String contactEmail,
                             String contactPhone, Instant receivedAt, Instant registeredAt, Instant dueAt,
                             Instant resolvedAt, int repeatCount, Instant createdAt, Instant updatedAt) {
}
