package ru.supportgateway.telephony.fake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One AMI message exactly as it was on the wire: its bytes (including the terminating empty line)
 * plus a parsed view of its header lines. Lines are split on CRLF only, so a value that carries a
 * bare LF (the VoicemailMove quirk) keeps it, and re-joining the lines reproduces the bytes.
 */
public record AmiMessage(byte[] raw, List<String> lines) {

    private static final byte[] CRLF = {'\r', '\n'};

    /** Parses the bytes of one message ("line\r\n" ... "\r\n"). */
    public static AmiMessage of(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.endsWith("\r\n\r\n")) {
            throw new IllegalArgumentException("AMI message must end with an empty CRLF line");
        }
        String body = text.substring(0, text.length() - 4);
        return new AmiMessage(raw.clone(), List.of(body.split("\r\n", -1)));
    }

    /** Builds a message from header lines (without CRLF). */
    public static AmiMessage ofLines(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        return new AmiMessage(out.toByteArray(), List.copyOf(lines));
    }

    public static String keyOf(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(0, colon);
    }

    public static String valueOf(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return "";
        }
        String v = line.substring(colon + 1);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    /** First value of a header, key compared case-insensitively (Asterisk's casing is inconsistent). */
    public Optional<String> header(String key) {
        for (String line : lines) {
            if (keyOf(line).equalsIgnoreCase(key)) {
                return Optional.of(valueOf(line));
            }
        }
        return Optional.empty();
    }

    public boolean has(String key) {
        return header(key).isPresent();
    }

    public String firstKey() {
        return lines.isEmpty() ? "" : keyOf(lines.get(0));
    }

    public boolean isResponse() {
        return firstKey().equalsIgnoreCase("Response");
    }

    public boolean isEvent() {
        return firstKey().equalsIgnoreCase("Event");
    }

    /** Broadcast events carry Privilege; list items answering one session's action do not. */
    public boolean isBroadcastEvent() {
        return isEvent() && has("Privilege");
    }

    public String eventName() {
        return header("Event").orElse("");
    }

    /**
     * Returns a copy with every ActionID header set to {@code actionId} (kept at its position),
     * or with the ActionID lines removed when {@code actionId} is null, as Asterisk omits the header
     * when the action had none.
     */
    public AmiMessage withActionId(String actionId) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (keyOf(line).equalsIgnoreCase("ActionID")) {
                if (actionId != null) {
                    out.add(keyOf(line) + ": " + actionId);
                }
            } else {
                out.add(line);
            }
        }
        return ofLines(out);
    }

    /** Returns a copy with the value of the first header named {@code key} replaced. */
    public AmiMessage withHeader(String key, String value) {
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            if (keyOf(out.get(i)).equalsIgnoreCase(key)) {
                out.set(i, keyOf(out.get(i)) + ": " + value);
                return ofLines(out);
            }
        }
        throw new IllegalArgumentException("no header " + key);
    }

    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    public String lowerName() {
        return (isEvent() ? eventName() : firstKey()).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text();
    }
}
