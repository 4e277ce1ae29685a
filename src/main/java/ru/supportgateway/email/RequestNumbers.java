package ru.supportgateway.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request numbers in mail subjects: {@code DESK-YEAR-SEQUENCE}, e.g. {@code SC-2026-000042}, where
 * DESK is the desk id (Latin letters and digits, starting with a letter, no hyphen), YEAR has four
 * digits and SEQUENCE six.
 *
 * <p>Tolerance: case is ignored; inside square brackets a shortened sequence ({@code [sc-2026-42]})
 * is accepted because people retype tags; without brackets only the full six-digit form counts, so
 * that dates, phone numbers or order numbers in a subject are never taken for a request.
 */
public final class RequestNumbers {

    private static final String DESK = "([A-Za-z][A-Za-z0-9]{0,15})";
    private static final String YEAR = "(20\\d{2})";
    static final Pattern BRACKETED = Pattern.compile("\\[\\s*" + DESK + "-" + YEAR + "-(\\d{1,6})\\s*]");
    private static final Pattern BARE = Pattern.compile(
            "(?<![A-Za-z0-9-])" + DESK + "-" + YEAR + "-(\\d{6})(?![A-Za-z0-9-])");

    private RequestNumbers() {
    }

    /** The first request number in the subject, normalised (upper case, six-digit sequence). */
    public static Optional<String> findIn(String subject) {
        if (subject == null || subject.isEmpty()) {
            return Optional.empty();
        }
        for (Pattern pattern : new Pattern[] {BRACKETED, BARE}) {
            Matcher m = pattern.matcher(subject);
            while (m.find()) {
                int sequence = Integer.parseInt(m.group(3));
                if (sequence > 0) {
                    return Optional.of(format(m.group(1), Integer.parseInt(m.group(2)), sequence));
                }
            }
        }
        return Optional.empty();
    }

    /** Builds a normalised number, e.g. {@code format("sc", 2026, 42)} is {@code SC-2026-000042}. */
    public static String format(String deskId, int year, int sequence) {
        if (deskId == null || !deskId.matches("[A-Za-z][A-Za-z0-9]{0,15}")) {
            throw new IllegalArgumentException("desk id must be letters and digits starting with a letter: " + deskId);
        }
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("year out of range 2000..2099: " + year);
        }
        if (sequence < 1 || sequence > 999_999) {
            throw new IllegalArgumentException("sequence out of range 1..999999: " + sequence);
        }
        return String.format(Locale.ROOT, "%s-%d-%06d", deskId.toUpperCase(Locale.ROOT), year, sequence);
    }

    /** The subject tag the gateway puts on its outgoing mail, e.g. {@code [SC-2026-000042]}. */
    public static String tag(String number) {
        return "[" + number + "]";
    }
}
