package ru.supportgateway.email;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes header text: RFC 2047 encoded words and raw 8-bit headers.
 *
 * <p>Jakarta Mail reads header bytes as ISO-8859-1, so raw 8-bit header bytes (common from old
 * Russian clients) can be recovered losslessly and re-decoded with a sniffed charset. Encoded words
 * are split into bytes by Jakarta Mail's own B/Q decoder; we only take over choosing the charset, so
 * misspelt labels ({@code win-1251}) work and a multi-byte character split across two adjacent
 * encoded words is rejoined before decoding.
 */
final class HeaderDecoder {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?]*)\\?=");

    private static final Pattern BASE64_PAYLOAD = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    private final MailCharsets charsets;

    HeaderDecoder(MailCharsets charsets) {
        this.charsets = Objects.requireNonNull(charsets, "charsets");
    }

    /** Decodes a raw header value as Jakarta Mail returns it; {@code null} stays {@code null}. */
    String decode(String raw) {
        if (raw == null) {
            return null;
        }
        return decodeEncodedWords(recover8bit(MimeUtility.unfold(raw))).strip();
    }

    /**
     * Raw 8-bit bytes arrive as chars U+0080..U+00FF; turn them back into bytes and decode them with
     * a sniffed charset. Text that already holds chars above U+00FF was decoded before: left alone.
     */
    String recover8bit(String text) {
        boolean high = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return text;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return text;
        }
        return charsets.decode(text.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    /** Decodes RFC 2047 encoded words anywhere in the text, leniently. */
    String decodeEncodedWords(String text) {
        Matcher m = ENCODED_WORD.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        do {
            String between = text.substring(last, m.start());
            // RFC 2047 6.2: white space between adjacent encoded words is not displayed.
            boolean adjacent = pendingCharset != null && between.isBlank();
            String label = m.group(1);
            int star = label.indexOf('*'); // RFC 2231 language suffix, e.g. utf-8*ru
            if (star >= 0) {
                label = label.substring(0, star);
            }
            byte[] bytes = wordBytes(m.group(2), m.group(3));
            if (bytes == null) { // undecodable: keep the word as written
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(between).append(m.group());
            } else {
                if (!adjacent || !label.equalsIgnoreCase(pendingCharset)) {
                    flush(out, pending, pendingCharset);
                    if (!adjacent) {
                        out.append(between);
                    }
                }
                pending.writeBytes(bytes);
                pendingCharset = label;
            }
            last = m.end();
        } while (m.find());
        flush(out, pending, pendingCharset);
        out.append(text.substring(last));
        return out.toString();
    }

    private void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (pending.size() > 0) {
            out.append(charsets.decode(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    /** Bytes of one encoded word, B/Q-decoded by Jakarta Mail; {@code null} when the payload is broken. */
    private static byte[] wordBytes(String encoding, String payload) {
        // Jakarta Mail's base64 decoder silently skips invalid characters; a word made of them is
        // better shown as written than as nothing.
        if ((encoding.equals("B") || encoding.equals("b")) && !BASE64_PAYLOAD.matcher(payload).matches()) {
            return null;
        }
        try {
            String latin1 = MimeUtility.decodeWord("=?ISO-8859-1?" + encoding + "?" + payload + "?=");
            return latin1.getBytes(StandardCharsets.ISO_8859_1);
        } catch (ParseException | UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }
}
