package ru.supportgateway.email;

import java.util.Objects;

/**
 * The loop guard's answer.
 *
 * @param automatic true when the mail must not get an acknowledgement
 * @param reason    why (null when not automatic)
 * @param detail    the header or address that decided, for the journal (null when not automatic)
 */
public record AutoMailVerdict(boolean automatic, AutoMailReason reason, String detail) {

    private static final AutoMailVerdict HUMAN = new AutoMailVerdict(false, null, null);

    public AutoMailVerdict {
        if (automatic) {
            Objects.requireNonNull(reason, "reason");
        } else if (reason != null || detail != null) {
            throw new IllegalArgumentException("a mail written by a person has no reason");
        }
    }

    public static AutoMailVerdict human() {
        return HUMAN;
    }

    public static AutoMailVerdict automatic(AutoMailReason reason, String detail) {
        return new AutoMailVerdict(true, reason, detail);
    }
}
