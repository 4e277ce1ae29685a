package ru.supportgateway.email;

import java.util.Locale;
import java.util.Objects;

/**
 * One mailbox from an address header.
 *
 * @param address     the addr-spec as written (e.g. {@code ivanova@school.ru}); never blank
 * @param displayName decoded display name, or {@code null} when the header had none
 */
public record MailAddress(String address, String displayName) {

    public MailAddress {
        Objects.requireNonNull(address, "address");
        address = address.strip();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("address must not be blank");
        }
        if (displayName != null) {
            displayName = displayName.strip();
            if (displayName.isEmpty()) {
                displayName = null;
            }
        }
    }

    /** Local part (before the last {@code @}); the whole address if it has no {@code @}. */
    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** Domain in lower case, or an empty string when the address has no {@code @}. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Address for comparisons: domains are case-insensitive and so, in practice, are local parts. */
    public String normalised() {
        return address.toLowerCase(Locale.ROOT);
    }
}
