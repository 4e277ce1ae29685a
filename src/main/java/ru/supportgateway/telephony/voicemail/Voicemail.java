package ru.supportgateway.telephony.voicemail;

import java.time.Instant;

/**
 * One message of a voicemail box as the gateway keeps it.
 *
 * @param msgId           app_voicemail's msg_id ({@code <origtime>-<counter>}), unique per box
 * @param recordedAt      {@code origtime} of the message
 * @param callerNumberRaw caller ID number as Asterisk stored it; null when unknown
 * @param audio           the recording; null when the spool file could not be read
 * @param audioType       its MIME type, e.g. audio/wav
 */
public record Voicemail(String msgId, Instant recordedAt, String callerNumberRaw, String callerName,
                        Integer durationSeconds, byte[] audio, String audioType) {

    public boolean hasAudio() {
        return audio != null;
    }
}
