package ru.supportgateway.journal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the caller knows about a request to register. The caller (email intake, telephony, an operator)
 * works out {@code registeredAt} and {@code dueAt} from the desk's working-hours calendar; the journal
 * only records them.
 *
 * @param deskZone     the desk's time zone: the number's year is the year of {@code registeredAt} there,
 *                     so a letter registered on 1 January 02:00 in Tyumen gets next year's number
 * @param type         null means {@link RequestType#SUPPORT}
 * @param receivedAt   when the message or call arrived; null means {@code registeredAt}
 * @param registeredAt when it enters the journal (later than receipt for mail after hours); null means now
 * @param registeredBy who registers: an operator's username, or {@code email}/{@code phone}/{@code system};
 *                     null means the channel's own actor
 */
public record NewRequest(String deskId, ZoneId deskZone, Channel channel, RequestType type,
                         String subject, String description, String organisation, String person,
                         String additionalInfo, String contactEmail, String contactPhone,
                         Instant receivedAt, Instant registeredAt, Instant dueAt, String registeredBy) {

    private static final Pattern DESK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public NewRequest {
        deskId = Text.required(deskId, "deskId");
        // The desk id goes into request numbers and mail subjects: keep it to plain ASCII.
        if (!DESK_ID.matcher(deskId).matches()) {
            throw new IllegalArgumentException("deskId must be latin letters, digits, '_' or '-': " + deskId);
        }
        Objects.requireNonNull(deskZone, "deskZone");
        Objects.requireNonNull(channel, "channel");
        type = type == null ? RequestType.SUPPORT : type;
        subject = Text.orEmpty(subject);
        description = Text.orEmpty(description);
        organisation = Text.orNull(organisation);
        person = Text.orNull(person);
        additionalInfo = Text.orNull(additionalInfo);
        contactEmail = Text.orNull(contactEmail);
        contactPhone = Text.orNull(contactPhone);
        registeredBy = registeredBy == null || registeredBy.isBlank() ? Actors.of(channel) : registeredBy.strip();
    }

    public static Builder builder(String deskId, ZoneId deskZone, Channel channel) {
        return new Builder(deskId, deskZone, channel);
    }

    /** Fifteen positional arguments are easy to mix up; callers name what they set. */
    public static final class Builder {
        private final String deskId;
        private final ZoneId deskZone;
        private final Channel channel;
        private RequestType type;
        private String subject;
        private String description;
        private String organisation;
        private String person;
        private String additionalInfo;
        private String contactEmail;
        private String contactPhone;
        private Instant receivedAt;
        private Instant registeredAt;
        private Instant dueAt;
        private String registeredBy;

        private Builder(String deskId, ZoneId deskZone, Channel channel) {
            this.deskId = deskId;
            this.deskZone = deskZone;
            this.channel = channel;
        }

        public Builder type(RequestType v) { type = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder organisation(String v) { organisation = v; return this; }
        public Builder person(String v) { person = v; return this; }
        public Builder additionalInfo(String v) { additionalInfo = v; return this; }
        public Builder contactEmail(String v) { contactEmail = v; return this; }
        public Builder contactPhone(String v) { contactPhone = v; return this; }
        public Builder receivedAt(Instant v) { receivedAt = v; return this; }
        public Builder registeredAt(Instant v) { registeredAt = v; return this; }
        public Builder dueAt(Instant v) { dueAt = v; return this; }
        public Builder registeredBy(String v) { registeredBy = v; return this; }

        public NewRequest build() {
            return new NewRequest(deskId, deskZone, channel, type, subject, description, organisation, person,
                    additionalInfo, contactEmail, contactPhone, receivedAt, registeredAt, dueAt, registeredBy);
        }
    }
}
