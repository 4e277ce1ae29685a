package ru.supportgateway.email;

/**
 * Raised when raw bytes cannot be understood as an email at all. Checked on purpose: the caller must
 * quarantine the raw bytes (never drop them), so it has to handle this case explicitly.
 */
public class MalformedMailException extends Exception {

    public MalformedMailException(String reason) {
        super(reason);
    }

    public MalformedMailException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
