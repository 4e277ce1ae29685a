package ru.supportgateway.journal;

import java.time.Instant;

/**
 * The outcome of a registration: the number to quote to the applicant, and the token of the applicant's
 * status page ({@link StatusLinks#linkForToken}).
 */
public record RegisteredRequest(long id, String number, String deskId, int year, long seqNo, Instant registeredAt,
                                String statusToken) {
}
