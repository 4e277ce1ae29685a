package ru.supportgateway.report;

import java.time.LocalDateTime;

/**
 * One printed row of Form No. 1, its values already in the desk's time zone and in Russian.
 *
 * @param registeredAt   «Дата»: when the request was registered
 * @param number         «№ запроса», e.g. SC-2026-000042
 * @param description    «Описание запроса»: the subject, then the text
 * @param additionalInfo «Дополнительная информация»: the operator's notes, how it came in and the contacts
 * @param resolvedAt     «Дата решения запроса», or null while unresolved
 */
public record JournalRow(LocalDateTime registeredAt, String number, String type, String description,
                         String organisation, String person, String additionalInfo, String status,
                         LocalDateTime resolvedAt, String note) {
}
