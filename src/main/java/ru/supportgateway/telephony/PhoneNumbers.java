package ru.supportgateway.telephony;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises caller IDs to E.164 ({@code +73452390679}) so the same parent is recognised
 * whether the trunk sends {@code 8 (3452) 390-679}, {@code 73452390679} or {@code +73452390679}.
 * Written for Russian help desks: numbers without a country code are taken as Russian.
 */
public final class PhoneNumbers {

    /** Digits plus the punctuation people and trunks put into numbers; anything else is not a number. */
    private static final Pattern ALLOWED = Pattern.compile("\\+?[0-9 ()\\-.]+");

    private PhoneNumbers() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.trim();
        if (!ALLOWED.matcher(s).matches()) {
            return Optional.empty(); // "<unknown>", "anonymous", letters
        }
        String digits = s.replaceAll("[^0-9]", "");
        if (s.startsWith("+")) {
            return e164(digits);
        }
        if (digits.startsWith("810") && digits.length() > 11) {
            return e164(digits.substring(3)); // Russian international prefix 8-10
        }
        if (digits.startsWith("00") && digits.length() > 10) {
            return e164(digits.substring(2));
        }
        if (digits.length() == 11 && (digits.charAt(0) == '8' || digits.charAt(0) == '7')) {
            return Optional.of("+7" + digits.substring(1)); // 8 is the domestic trunk prefix
        }
        if (digits.length() == 10 && digits.charAt(0) != '0') {
            return Optional.of("+7" + digits); // national number without prefix
        }
        return Optional.empty(); // internal extensions and fragments are not callable back
    }

    private static Optional<String> e164(String digits) {
        if (digits.length() < 8 || digits.length() > 15 || digits.charAt(0) == '0') {
            return Optional.empty();
        }
        if (digits.charAt(0) == '7' && digits.length() != 11) {
            return Optional.empty(); // +7 numbers always have 10 national digits
        }
        return Optional.of("+" + digits);
    }
}
