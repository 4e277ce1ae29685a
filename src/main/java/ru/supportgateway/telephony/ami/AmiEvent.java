package ru.supportgateway.telephony.ami;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A library-neutral view of one AMI event: its name and its headers, looked up
 * case-insensitively (Asterisk mixes {@code Uniqueid}/{@code UniqueID}, {@code HoldTime}/{@code Holdtime}).
 * Keeping the call logic on this type means it does not depend on which getters asterisk-java
 * happens to offer per event class.
 */
public record AmiEvent(String name, Map<String, String> headers) {

    public AmiEvent {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    public static AmiEvent of(String name, Map<String, String> headers) {
        return new AmiEvent(name, headers);
    }

    public boolean is(String eventName) {
        return name.equalsIgnoreCase(eventName);
    }

    /** Header value; absent when missing, empty, or one of Asterisk's "no value" markers. */
    public Optional<String> get(String key) {
        String v = headers.get(key);
        if (v == null || v.isBlank() || v.equals("<unknown>") || v.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    public String getOrEmpty(String key) {
        return get(key).orElse("");
    }

    public Optional<Long> getLong(String key) {
        return get(key).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
