package ru.supportgateway.email;

import java.util.regex.Pattern;

/**
 * Makes a subject fit to be a request's title: removes reply/forward prefixes in English, Russian
 * and German mail clients ({@code Re:}, {@code RE[2]:}, {@code Fwd:}, {@code FW:}, {@code Отв:},
 * {@code Ответ:}, {@code Пересл:}, {@code AW:}, {@code WG:}) and request-number tags
 * ({@code [SC-2026-000042]}) wherever they stand, then tidies white space.
 */
public final class SubjectCleaner {

    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:re|fwd?|aw|wg|отв|ответ|пересл|переслано)\\s*(?:\\[\\d+]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private SubjectCleaner() {
    }

    /** The cleaned subject; an empty string when nothing is left. */
    public static String clean(String subject) {
        if (subject == null) {
            return "";
        }
        String s = RequestNumbers.BRACKETED.matcher(subject).replaceAll(" ");
        String previous;
        do {
            previous = s;
            s = PREFIX.matcher(s).replaceFirst("");
        } while (!s.equals(previous));
        return s.replaceAll("\\s+", " ").strip();
    }
}
