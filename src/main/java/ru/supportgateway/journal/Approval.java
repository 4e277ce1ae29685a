package ru.supportgateway.journal;

import java.time.Instant;

/** A supervisor's agreement that an Error/Improvement request may go to the developer. */
public record Approval(long requestId, String approvedBy, Instant approvedAt, String note) {
}
