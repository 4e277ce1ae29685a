package ru.supportgateway.calendar;

/**
 * How a desk treats {@link DayKind#NONWORKING_DECREE} days, the Presidential "non-working days with pay
 * retained" of 2020-21. The decrees did not bind every employer the same way (schools and their help
 * desks often kept working), so this is a per-desk decision.
 */
public enum DecreeDayPolicy {
    /** The day is off (the default, as in xmlcalendar and consultant.ru). */
    OFF,
    /** The day is worked on the desk's ordinary weekly schedule (shortened if the calendar says so). */
    WORKING
}
