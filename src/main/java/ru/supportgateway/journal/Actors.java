package ru.supportgateway.journal;

/** Names recorded as the actor of history rows when no operator acted. */
public final class Actors {

    public static final String SYSTEM = "system";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";

    private Actors() {
    }

    static String of(Channel channel) {
        return switch (channel) {
            case EMAIL -> EMAIL;
            case PHONE, MISSED_CALL, VOICEMAIL -> PHONE;
            case WEB, FEEDBACK -> SYSTEM;
        };
    }

    static String required(String actor) {
        return Text.required(actor, "actor");
    }
}
