package ru.supportgateway.journal;

import java.time.Instant;

/**
 * Field edits by an operator. A null component leaves the field as it is; for the optional text fields
 * (organisation, person, additional info, note, contacts) a blank string clears it.
 * Status is not here: it changes only through {@link Journal#moveStatus}, which checks the move.
 */
public record RequestChanges(RequestType type, String subject, String description, String organisation,
                             String person, String additionalInfo, String note, String contactEmail,
                             String contactPhone, Instant dueAt) {

    public static RequestChanges none() {
        return new RequestChanges(null, null, null, null, null, null, null, null, null, null);
    }

    public RequestChanges withType(RequestType v) {
        return new RequestChanges(v, subject, description, organisation, person, additionalInfo, note, contactEmail, contactPhone, dueAt);
    }

    public RequestChanges withSubject(String v) {
        return new RequestChanges(type, v, description, organisation, person, additionalInfo, note, contactEmail, contactPhone, dueAt);
    }

    public RequestChanges withDescription(String v) {
        return new RequestChanges(type, subject, v, organisation, person, additionalInfo, note, contactEmail, contactPhone, dueAt);
    }

    public RequestChanges withOrganisation(String v) {
        return new RequestChanges(type, subject, description, v, person, additionalInfo, note, contactEmail, contactPhone, dueAt);
    }

    public RequestChanges withPerson(String v) {
        return new RequestChanges(type, subject, description, organisation, v, additionalInfo, note, contactEmail, contactPhone, dueAt);
    }

    public RequestChanges withAdditionalInfo(String v) {
        return new RequestChanges(type, subject, description, organisation, person, v, note, contactEmail, contactPhone, dueAt);
    }

    public RequestChanges withNote(String v) {
        return new RequestChanges(type, subject, description, organisation, person, additionalInfo, v, contactEmail, contactPhone, dueAt);
    }

    public RequestChanges withContactEmail(String v) {
        return new RequestChanges(type, subject, description, organisation, person, additionalInfo, note, v, contactPhone, dueAt);
    }

    public RequestChanges withContactPhone(String v) {
        return new RequestChanges(type, subject, description, organisation, person, additionalInfo, note, contactEmail, v, dueAt);
    }

    public RequestChanges withDueAt(Instant v) {
        return new RequestChanges(type, subject, description, organisation, person, additionalInfo, note, contactEmail, contactPhone, v);
    }
}
