package ru.supportgateway.journal;

import java.time.Instant;

/** The outcome of a registration: the number to quote to the applicant. */
public record RegisteredRequest(long id, String number, String deskId, int year, long seqNo, Instant registeredAt) {
}
