package ru.supportgateway.calendar;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.List;

/** The five desks from the regulations, used across the tests. */
final class Desks {

    static final ZoneId YEKATERINBURG = ZoneId.of("Asia/Yekaterinburg");
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    /** 1. Tyumen situational centre. */
    static final WorkingCalendar TYUMEN_SITUATIONAL = WorkingCalendar.of(YEKATERINBURG,
            WeeklySchedule.parse("mon-thu 08:30-12:30, 13:30-17:00; fri 08:30-12:30, 13:30-16:00"),
            ProductionCalendar.russian());
    /** 2. Tyumen school feedback service. */
    static final WorkingCalendar TYUMEN_FEEDBACK = WorkingCalendar.of(YEKATERINBURG,
            WeeklySchedule.parse("mon-fri 08:00-17:00"), ProductionCalendar.russian());
    /** 3. Moscow-region school portal. */
    static final WorkingCalendar MOSCOW_REGION_PORTAL = WorkingCalendar.of(MOSCOW,
            WeeklySchedule.parse("mon-fri 09:00-18:00"), ProductionCalendar.russian());
    /** 4. A school's own AIS helpline, Nizhny Novgorod region. */
    static final WorkingCalendar NN_SCHOOL_AIS = WorkingCalendar.of(MOSCOW,
            WeeklySchedule.parse("mon-fri 09:00-18:00"), ProductionCalendar.russian());
    /** 5. Dnevnik.ru: no production calendar, every day. */
    static final WorkingCalendar DNEVNIK = WorkingCalendar.of(MOSCOW,
            WeeklySchedule.parse("daily 09:00-21:00"), ProductionCalendar.none());

    static final List<WorkingCalendar> ALL = List.of(
            TYUMEN_SITUATIONAL, TYUMEN_FEEDBACK, MOSCOW_REGION_PORTAL, NN_SCHOOL_AIS, DNEVNIK);

    private Desks() {
    }

    /** Local wall-clock time in the desk's zone, e.g. {@code at(desk, "2025-12-31T10:00")}. */
    static Instant at(WorkingCalendar desk, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(desk.zone()).toInstant();
    }
}
