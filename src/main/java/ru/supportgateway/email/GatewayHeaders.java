package ru.supportgateway.email;

/** Header names and values the gateway puts on its own outgoing mail, so it can recognise them coming back. */
public final class GatewayHeaders {

    /** Set on every message the gateway sends; its value says which kind (e.g. {@link #ACK}). */
    public static final String MARKER = "X-Support-Gateway";

    /** {@link #MARKER} value on acknowledgements ("your request was registered"). */
    public static final String ACK = "ack";

    /** RFC 3834 value our acknowledgements carry in {@code Auto-Submitted}. */
    public static final String AUTO_SUBMITTED_VALUE = "auto-replied";

    private GatewayHeaders() {
    }
}
