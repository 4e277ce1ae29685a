package ru.supportgateway.email.intake;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import ru.supportgateway.testsupport.TestMailServer;

/**
 * Test mail: raw RFC 5322 messages built byte by byte, delivered to the test mail server over a real
 * SMTP socket exactly as written (Jakarta Mail would rewrite the Message-ID and re-encode bodies), and
 * the recipients' inboxes read back.
 */
final class TestMail {

    private TestMail() {
    }

    static String newMessageId() {
        return UUID.randomUUID() + "@sender.test";
    }

    /** A plain UTF-8 text mail; {@code headers} are added as given (e.g. In-Reply-To, Auto-Submitted). */
    static byte[] text(String messageId, String from, String to, String subject, String body, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>();
        if (messageId != null) {
            h.put("Message-ID", "<" + messageId + ">");
        }
        h.put("Date", "Mon, 23 Nov 2026 10:00:00 +0300");
        h.put("From", encodedName(from));
        h.put("To", to);
        h.put("Subject", "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=");
        h.put("MIME-Version", "1.0");
        h.put("Content-Type", "text/plain; charset=UTF-8");
        h.put("Content-Transfer-Encoding", "base64");
        h.putAll(headers);
        StringBuilder sb = new StringBuilder();
        h.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n").append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** "Мария Иванова <a@b>" with the display name as an RFC 2047 encoded word. */
    private static String encodedName(String address) {
        int lt = address.indexOf('<');
        if (lt <= 0) {
            return address;
        }
        String name = address.substring(0, lt).strip();
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?= "
                + address.substring(lt);
    }

    static byte[] text(String messageId, String from, String to, String subject, String body) {
        return text(messageId, from, to, subject, body, Map.of());
    }

    /** A fixture from src/test/resources/email with its Message-ID, From and To replaced. */
    static byte[] fixture(String name, String messageId, String from, String to) throws IOException {
        byte[] raw;
        try (var in = TestMail.class.getResourceAsStream("/email/" + name)) {
            raw = in.readAllBytes();
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = text.substring(0, end);
        String rest = text.substring(end);
        head = head.replaceAll("(?im)^Message-ID:.*$", "Message-ID: <" + messageId + ">")
                .replaceAll("(?im)^To:.*$", "To: " + to)
                .replaceAll("(?im)^(From:.*<)[^>]+(>.*)$", "$1" + from + "$2")
                .replaceAll("(?im)^From: ([^<\\s]+@[^\\s]+)$", "From: " + from)
                .replaceAll("(?im)^Return-Path:.*$", "Return-Path: <" + from + ">");
        if (!head.matches("(?is).*^Message-ID:.*")) {
            head = "Message-ID: <" + messageId + ">\r\n" + head;
        }
        return (head + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Delivers raw bytes to {@code to} through the test mail server's SMTP port. */
    static void deliver(String to, byte[] raw) throws IOException {
        try (Socket s = new Socket("127.0.0.1", TestMailServer.smtpPort())) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO sender.test", "250");
            command(out, in, "MAIL FROM:<sender@sender.test>", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            out.write(dotStuffed(raw));
            command(out, in, ".", "250");
            command(out, in, "QUIT", "221");
        }
    }

    /** SMTP transparency (RFC 5321 4.5.2); the result ends with CRLF so "." ends the data. */
    private static byte[] dotStuffed(byte[] raw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(raw.length + 64);
        boolean lineStart = true;
        for (byte c : raw) {
            if (lineStart && c == '.') {
                b.write('.');
            }
            b.write(c);
            lineStart = c == '\n';
        }
        if (!lineStart) {
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP: expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** Everything the test mail server has delivered to this address (acknowledgements, answers). */
    static List<MimeMessage> inbox(String address) {
        return Arrays.stream(TestMailServer.greenMail().getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getRecipients(MimeMessage.RecipientType.TO);
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    static String body(MimeMessage m) {
        try {
            return ((String) m.getContent()).replace("\r\n", "\n");
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
