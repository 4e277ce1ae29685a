package ru.supportgateway.journal;

/** Type of a request, as in the regulation (section 3.5). */
public enum RequestType {
    /** Consultation on working in one of the subsystems; the default for every new request. */
    SUPPORT("Поддержка"),
    /** An unplanned interruption or degradation of service; needs the system operator's agreement. */
    ERROR("Ошибка"),
    /** Nothing is broken, but doing it changes the software; needs the system operator's agreement. */
    IMPROVEMENT("Улучшение");

    private final String label;

    RequestType(String label) {
        this.label = label;
    }

    /** The Russian name shown to operators and printed in Form No. 1. */
    public String label() {
        return label;
    }
}
