package ru.supportgateway.report;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** What Form No. 1 prints, shared by the PDF and the XLSX so both show the same columns. */
final class Form1 {

    static final String TITLE = "Журнал специалиста";
    static final String FORM = "Форма № 1";
    /** The regulation's closing line under the printed journal. */
    static final String SIGNATURE = "Дата, ФИО специалиста полностью, подпись";

    static final List<String> COLUMNS = List.of("Дата", "№ запроса", "Тип запроса", "Описание запроса", "Организация",
            "ФИО", "Дополнительная информация", "Статус", "Дата решения запроса", "Примечание");

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private Form1() {
    }

    /** "1 запрос", "3 запроса", "11 запросов". */
    static String requests(long n) {
        long mod100 = n % 100;
        long mod10 = n % 10;
        String word = mod10 == 1 && mod100 != 11 ? "запрос"
                : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "запроса" : "запросов";
        return n + " " + word;
    }
}
