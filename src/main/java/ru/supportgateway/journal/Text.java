package ru.supportgateway.journal;

/** Small text rules shared by the journal's records. */
final class Text {

    private Text() {
    }

    /** Optional fields: blank means "not given", stored as NULL so reports show an empty cell. */
    static String orNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    static String required(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return s.strip();
    }
}
