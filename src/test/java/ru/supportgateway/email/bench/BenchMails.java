package ru.supportgateway.email.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark's mail: what parents write to a school help desk. Mail {@code i} of a run of n:
 * <ul>
 * <li>every tenth ({@code i % 10 == 9}) carries a 20 KB attachment (a scanned page, base64);</li>
 * <li>a third ({@code i % 3 == 0}) is in a Russian legacy charset, KOI8-R or windows-1251 in turn, for both
 *     the subject (RFC 2047 encoded word) and the body (8bit or quoted-printable);</li>
 * <li>the rest is UTF-8 (base64 or quoted-printable), every fourth of those with an HTML alternative;</li>
 * <li>every mail has its own Message-ID; senders repeat (two mails each), which stays under the
 *     acknowledgement limit per hour.</li>
 * </ul>
 * The mail is all new requests: no In-Reply-To, no request numbers in subjects.
 */
final class BenchMails {

    static final int ATTACHMENT_SIZE = 20 * 1024;
    private static final Charset KOI8_R = Charset.forName("KOI8-R");
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private static final String[] SUBJECTS = {
            "Не открывается электронный дневник", "Нет оценок за четверть", "Ошибка при входе через Госуслуги",
            "Не приходит код подтверждения", "Неверное расписание на завтра", "Как прикрепить второго ребёнка",
            "Пропали домашние задания", "Не работает мобильное приложение", "Ошибка 500 в журнале",
            "Смена классного руководителя не отображается"};
    private static final String[] NAMES = {
            "Мария Иванова", "Анна Петрова", "Сергей Смирнов", "Ольга Кузнецова", "Дмитрий Попов", "Елена Васильева",
            "Алексей Соколов", "Наталья Михайлова", "Иван Новиков", "Татьяна Фёдорова"};
    private static final String BODY = """
            Здравствуйте!

            Мой ребёнок учится в %d «%s» классе школы № %d. Со вчерашнего дня %s.
            Пробовали заходить с компьютера и с телефона, очищали кэш браузера — не помогает.
            Классный руководитель посоветовал написать вам. Логин в системе: parent%05d.
            Подскажите, пожалуйста, что нам делать и когда это исправят? Заранее спасибо.

            С уважением,
            %s
            тел. +7 (912) %03d-%02d-%02d
            """;

    private final String desk;
    private final long seed;
    private final byte[] attachment;

    BenchMails(String desk, long seed) {
        this.desk = desk;
        this.seed = seed;
        this.attachment = new byte[ATTACHMENT_SIZE];
        new Random(seed).nextBytes(attachment);
    }

    static boolean hasAttachment(int i) {
        return i % 10 == 9;
    }

    static Charset charsetOf(int i) {
        if (i % 3 != 0) {
            return StandardCharsets.UTF_8;
        }
        return (i / 3) % 2 == 0 ? KOI8_R : CP1251;
    }

    static String messageId(long seed, int i) {
        return "bench." + seed + "." + i + "@parents.example";
    }

    byte[] mail(int i) {
        Random r = new Random(seed * 1_000_003L + i);
        Charset cs = charsetOf(i);
        String name = NAMES[i % NAMES.length];
        String subject = SUBJECTS[r.nextInt(SUBJECTS.length)] + " (" + (i + 1) + ")";
        String body = String.format(Locale.ROOT, BODY, 1 + r.nextInt(11), "АБВГ".charAt(r.nextInt(4)),
                1 + r.nextInt(120), subjectPhrase(r), i, name, r.nextInt(1000), r.nextInt(100), r.nextInt(100))
                .replace("\n", "\r\n");
        ZonedDateTime date = ZonedDateTime.of(2026, 11, 24, 8, 0, 0, 0, ZoneOffset.ofHours(3)).plusSeconds(i);
        StringBuilder h = new StringBuilder();
        h.append("Return-Path: <parent").append(i / 2).append("@parents.example>\r\n");
        h.append("Received: from mx.parents.example (mx.parents.example [192.0.2.").append(1 + i % 250)
                .append("])\r\n\tby mx.desk.example with ESMTPS id b").append(i).append("; ")
                .append(RFC_5322.format(date)).append("\r\n");
        h.append("Message-ID: <").append(messageId(seed, i)).append(">\r\n");
        h.append("Date: ").append(RFC_5322.format(date)).append("\r\n");
        h.append("From: ").append(encodedWord(name, cs)).append(" <parent").append(i / 2).append("@parents.example>\r\n");
        h.append("To: ").append(desk).append("\r\n");
        h.append("Subject: ").append(encodedWord(subject, cs)).append("\r\n");
        h.append("MIME-Version: 1.0\r\n");
        h.append("User-Agent: Mozilla Thunderbird\r\n");
        String textPart = textPart(body, cs, i);
        String content;
        if (hasAttachment(i)) {
            String boundary = "----=_Part_" + i + "_mixed";
            h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n");
            content = "\r\nThis is a multi-part message in MIME format.\r\n--" + boundary + "\r\n" + textPart
                    + "\r\n--" + boundary + "\r\n"
                    + "Content-Type: application/pdf; name=\"skan-" + i + ".pdf\"\r\n"
                    + "Content-Disposition: attachment; filename=\"skan-" + i + ".pdf\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(attachment)
                    + "\r\n--" + boundary + "--\r\n";
        } else if (cs == StandardCharsets.UTF_8 && i % 4 == 1) {
            String boundary = "----=_Part_" + i + "_alt";
            h.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n");
            String html = "<html><body><p>" + body.replace("\r\n\r\n", "</p><p>").replace("\r\n", "<br>")
                    + "</p></body></html>";
            content = "\r\n--" + boundary + "\r\n" + textPart + "\r\n--" + boundary + "\r\n"
                    + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(html.getBytes(StandardCharsets.UTF_8))
                    + "\r\n--" + boundary + "--\r\n";
        } else {
            int split = textPart.indexOf("\r\n\r\n");
            h.append(textPart, 0, split + 2);
            content = textPart.substring(split + 2);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.length() * 2 + content.length());
        // 8bit parts are already bytes in their charset: see textPart
        out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static String subjectPhrase(Random r) {
        String[] p = {"не открывается дневник", "не видны оценки", "выдаёт ошибку при входе",
                "не отображается расписание", "не загружаются домашние задания"};
        return p[r.nextInt(p.length)];
    }

    /** A text/plain part as an ISO-8859-1 string whose chars are the part's bytes. */
    private static String textPart(String body, Charset cs, int i) {
        String type = "Content-Type: text/plain; charset=" + cs.name() + (i % 2 == 0 ? "; format=flowed" : "") + "\r\n";
        if (cs == StandardCharsets.UTF_8) {
            if (i % 2 == 0) {
                return type + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(body.getBytes(cs)) + "\r\n";
            }
            return type + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quotedPrintable(body.getBytes(cs));
        }
        if ((i / 3) % 4 < 2) {
            return type + "Content-Transfer-Encoding: 8bit\r\n\r\n" + new String(body.getBytes(cs), StandardCharsets.ISO_8859_1);
        }
        return type + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quotedPrintable(body.getBytes(cs));
    }

    private static String encodedWord(String text, Charset cs) {
        byte[] bytes = text.getBytes(cs);
        // encoded words are at most 75 chars: split the bytes (single-byte charsets, or UTF-8 on char bounds)
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 18);
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append("=?").append(cs.name()).append("?B?")
                    .append(Base64.getEncoder().encodeToString(text.substring(start, end).getBytes(cs))).append("?=");
            start = end;
        }
        return bytes.length == 0 ? "" : out.toString();
    }

    private static String quotedPrintable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (int k = 0; k < bytes.length; k++) {
            int b = bytes[k] & 0xFF;
            if (b == '\r' && k + 1 < bytes.length && bytes[k + 1] == '\n') {
                out.append("\r\n");
                k++;
                line = 0;
                continue;
            }
            String enc = (b >= 33 && b <= 126 && b != '=') || b == ' ' ? String.valueOf((char) b)
                    : String.format(Locale.ROOT, "=%02X", b);
            if (line + enc.length() > 75) {
                out.append("=\r\n");
                line = 0;
            }
            out.append(enc);
            line += enc.length();
        }
        return out.append("\r\n").toString();
    }
}
