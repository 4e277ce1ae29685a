package ru.supportgateway.journal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Request numbers: {@code <DESK>-<YYYY>-<NNNNNN>}, e.g. {@code SC-2026-000042}. */
public final class RequestNumber {

    /**
     * Finds a number in free text such as a reply's subject "Re: [SC-2026-000042] ...". Six digits at least:
     * the sequence is zero-padded to six and simply grows past 999999.
     */
    public static final Pattern PATTERN = Pattern.compile("\\b[A-Z0-9][A-Z0-9_-]*-\\d{4}-\\d{6,}\\b");

    private RequestNumber() {
    }

    public static String format(String deskId, int year, long seqNo) {
        return "%s-%04d-%06d".formatted(deskId.toUpperCase(Locale.ROOT), year, seqNo);
    }
}
