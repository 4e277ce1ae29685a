package ru.supportgateway.telephony.agi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * Says when a desk opens, in Russian words a voice prompt (TTS) can speak:
 * "сегодня, в 13 часов 30 минут", "завтра, в 9 часов", "в понедельник, 12 января, в 8 часов 30 минут".
 * <p>
 * Numbers stay digits (TTS engines read "12 января" as "двенадцатого января"), but the words around
 * them agree with them: weekday in the accusative after в/во, month in the genitive, час/часа/часов and
 * минуту/минуты/минут by the Russian plural rules. The year is never said: the next opening is at most
 * a couple of weeks away (New Year holidays), so the date is unambiguous.
 */
public final class RussianOpeningText {

    private static final String[] WEEKDAY_ACCUSATIVE = {
        "понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"};
    private static final String[] MONTH_GENITIVE = {
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря"};

    private RussianOpeningText() {
    }

    /**
     * @param opening the opening, in the desk's zone
     * @param now     the current moment, in the same zone ("today" is the desk's today)
     */
    public static String format(ZonedDateTime opening, ZonedDateTime now) {
        LocalDate day = opening.toLocalDate();
        LocalDate today = now.withZoneSameInstant(opening.getZone()).toLocalDate();
        String when;
        if (day.equals(today)) {
            when = "сегодня";
        } else if (day.equals(today.plusDays(1))) {
            when = "завтра";
        } else {
            when = weekday(day.getDayOfWeek()) + ", " + day.getDayOfMonth() + " "
                    + MONTH_GENITIVE[day.getMonthValue() - 1];
        }
        return when + ", " + time(opening.getHour(), opening.getMinute());
    }

    /** "в понедельник", "во вторник", "в среду". */
    static String weekday(DayOfWeek day) {
        String word = WEEKDAY_ACCUSATIVE[day.getValue() - 1];
        // "во" before в + consonant, so that the two consonants can be pronounced
        return (day == DayOfWeek.TUESDAY ? "во " : "в ") + word;
    }

    /** "в 9 часов", "в 8 часов 30 минут", "в 21 час 1 минуту". */
    static String time(int hour, int minute) {
        String text = "в " + hour + " " + plural(hour, "час", "часа", "часов");
        if (minute != 0) {
            text += " " + minute + " " + plural(minute, "минуту", "минуты", "минут");
        }
        return text;
    }

    /** Russian plural form for a non-negative count: 1, 21 → one; 2-4, 22-24 → few; 0, 5-20, 25-30 → many. */
    static String plural(int n, String one, String few, String many) {
        int lastTwo = n % 100;
        int last = n % 10;
        if (lastTwo >= 11 && lastTwo <= 14) {
            return many;
        }
        if (last == 1) {
            return one;
        }
        if (last >= 2 && last <= 4) {
            return few;
        }
        return many;
    }
}
