package ru.supportgateway.email;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns bytes into text for mail written in Russian, tolerating the charset labels real mail clients
 * produce ({@code cp-1251}, {@code win-1251}, {@code koi8r}, {@code x-unknown}, none at all...).
 *
 * <p>Order: a label we can resolve wins, except that {@code us-ascii} or {@code utf-8} labels on
 * bytes that are not ASCII / not valid UTF-8 are treated as lies. Otherwise the bytes are sniffed:
 * ASCII, then valid UTF-8, then the Cyrillic single-byte charset whose decoding looks most like
 * Russian text (letter frequencies and letter case), then the configured fallback.
 */
public final class MailCharsets {

    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    static final Charset KOI8_R = Charset.forName("KOI8-R");
    static final Charset CP866 = Charset.forName("IBM866");
    static final Charset ISO_8859_5 = Charset.forName("ISO-8859-5");

    /** Misspellings seen in the wild, keyed by the label lower-cased with everything but letters and digits removed. */
    private static final Map<String, Charset> ALIASES = Map.ofEntries(
            Map.entry("cp1251", WINDOWS_1251),
            Map.entry("win1251", WINDOWS_1251),
            Map.entry("windows1251", WINDOWS_1251),
            Map.entry("xcp1251", WINDOWS_1251),
            Map.entry("ansi1251", WINDOWS_1251),
            Map.entry("wincyrillic", WINDOWS_1251),
            Map.entry("koi8", KOI8_R),
            Map.entry("koi8r", KOI8_R),
            Map.entry("cskoi8r", KOI8_R),
            Map.entry("cp866", CP866),
            Map.entry("ibm866", CP866),
            Map.entry("dos866", CP866),
            Map.entry("866", CP866),
            Map.entry("alt", CP866),
            Map.entry("iso88595", ISO_8859_5),
            Map.entry("iso885951988", ISO_8859_5),
            Map.entry("cyrillic", ISO_8859_5),
            Map.entry("utf8", StandardCharsets.UTF_8),
            Map.entry("unicode11utf8", StandardCharsets.UTF_8),
            Map.entry("usascii", StandardCharsets.US_ASCII),
            Map.entry("ascii", StandardCharsets.US_ASCII));

    private static final List<Charset> CYRILLIC_CANDIDATES = List.of(WINDOWS_1251, KOI8_R, CP866, ISO_8859_5);

    /** Relative frequency (per mille) of Russian letters, for scoring guesses. */
    private static final String LETTERS = "оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъё";
    private static final int[] WEIGHTS = {
        110, 85, 80, 74, 67, 63, 55, 47, 45, 44, 35, 32, 30, 28, 26, 20, 19, 17, 17, 17, 16, 14, 12, 10, 9, 7, 6, 5,
        4, 3, 3, 1, 1};

    private final Charset fallback;

    /** @param fallback charset used when a guess finds nothing that looks like Russian (windows-1251 for our desks) */
    public MailCharsets(Charset fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** Defaults for Russian desks: windows-1251, the most common legacy charset there. */
    public static MailCharsets russian() {
        return new MailCharsets(WINDOWS_1251);
    }

    /** Resolves a MIME charset label, tolerating misspellings; empty when the label means nothing to us. */
    public Optional<Charset> lookup(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String trimmed = label.strip().replace("\"", "").replace("'", "");
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        Charset alias = ALIASES.get(trimmed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        if (alias != null) {
            return Optional.of(alias);
        }
        try {
            return Optional.of(Charset.forName(trimmed));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /** The charset that {@link #decode} would use for these bytes under this label. */
    public Charset choose(byte[] bytes, String declaredLabel) {
        Optional<Charset> declared = lookup(declaredLabel);
        if (declared.isPresent()) {
            Charset cs = declared.get();
            boolean lyingAscii = cs.equals(StandardCharsets.US_ASCII) && !isAscii(bytes);
            boolean lyingUtf8 = cs.equals(StandardCharsets.UTF_8) && !isValid(bytes, StandardCharsets.UTF_8);
            if (!lyingAscii && !lyingUtf8) {
                return cs;
            }
        }
        return guess(bytes);
    }

    /** Decodes the bytes; never fails (undecodable sequences become U+FFFD). */
    public String decode(byte[] bytes, String declaredLabel) {
        return new String(bytes, choose(bytes, declaredLabel));
    }

    /** Best guess for unlabelled bytes. */
    public Charset guess(byte[] bytes) {
        if (isAscii(bytes)) {
            return StandardCharsets.US_ASCII;
        }
        if (isValid(bytes, StandardCharsets.UTF_8)) {
            return StandardCharsets.UTF_8;
        }
        Charset best = null;
        long bestScore = 0;
        for (Charset candidate : CYRILLIC_CANDIDATES) {
            long score = russianScore(new String(bytes, candidate));
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best != null ? best : fallback;
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isValid(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * How much the text looks like Russian: frequent letters score high; an upper-case letter right
     * after a lower-case one (typical of a wrong KOI8/1251 swap) and box-drawing or control characters
     * (typical of a wrong CP866 guess) score negative.
     */
    static long russianScore(String text) {
        long score = 0;
        char previous = ' ';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char lower = Character.toLowerCase(c);
            int idx = isCyrillic(c) ? LETTERS.indexOf(lower) : -1;
            if (idx >= 0) {
                int weight = WEIGHTS[idx];
                boolean upperAfterLower = Character.isUpperCase(c) && isCyrillic(previous)
                        && Character.isLowerCase(previous);
                score += upperAfterLower ? -weight : weight;
            } else if (c >= 0x80 && !isCyrillic(c) && !isCommonSymbol(c)) {
                score -= 50;
            }
            previous = c;
        }
        return score;
    }

    private static boolean isCyrillic(char c) {
        return (c >= '\u0410' && c <= '\u044F') || c == '\u0401' || c == '\u0451';
    }

    private static boolean isCommonSymbol(char c) {
        // Typographic characters Russian text legitimately contains in windows-1251 or KOI8-R.
        return "«»—–…№„“”‘’•·\u00A0°©®™€".indexOf(c) >= 0;
    }
}
