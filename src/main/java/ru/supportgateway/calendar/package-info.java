/**
 * Working-hours calendar of a help desk, plain Java ({@code java.time} only).
 *
 * <ul>
 *   <li>{@link ru.supportgateway.calendar.TimeRange} and {@link ru.supportgateway.calendar.WeeklySchedule}: the
 *       ordinary week in local wall-clock time, with breaks.</li>
 *   <li>{@link ru.supportgateway.calendar.ProductionCalendar}: dates that differ from the ordinary week
 *       (Russian production calendar 2017-2027 bundled; CSV and xmlcalendar.ru import; administrators'
 *       overrides).</li>
 *   <li>{@link ru.supportgateway.calendar.WorkingCalendar}: a desk's working time in its zone; opening and
 *       closing times, deadlines in working days (Civil Code art. 191) and working hours.</li>
 * </ul>
 * All types are immutable and thread-safe.
 */
package ru.supportgateway.calendar;
