package ru.supportgateway.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Loads the .eml fixtures and recomputes, independently of the parser, what they contain. */
final class EmailFixtures {

    private EmailFixtures() {
    }

    static byte[] load(String name) {
        try (InputStream in = EmailFixtures.class.getResourceAsStream("/email/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture /email/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same formula as pdf_bytes() in src/test/fixtures/make_email_fixtures.py. */
    static byte[] pdfBytes() {
        byte[] preamble = "%PDF-1.4\n% support gateway test attachment\n".getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[preamble.length + 256];
        System.arraycopy(preamble, 0, result, 0, preamble.length);
        for (int i = 0; i < 256; i++) {
            result[preamble.length + i] = (byte) i;
        }
        return result;
    }

    /** Same formula as image_bytes() in the generator. */
    static byte[] imageBytes() {
        byte[] result = new byte[300];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) ((i * 7 + 3) % 256);
        }
        return result;
    }

    static String sha256(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(String.format("%02x", b & 0xFF));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
