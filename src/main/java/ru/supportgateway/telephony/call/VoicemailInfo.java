package ru.supportgateway.telephony.call;

/**
 * The voicemail left during a call, as reported by the SupportVoicemail user event.
 *
 * @param reason          dialplan's VM_REASON: {@code closed} or {@code queue-<QUEUESTATUS>}
 * @param msgId           app_voicemail msg_id, the ID for VoicemailMove/VoicemailRemove
 * @param durationSeconds recorded length; null when the dialplan could not read it
 * @param messageFile     spool path without extension
 */
public record VoicemailInfo(String mailbox, String reason, String msgId, Integer durationSeconds,
                            String messageFile) {
}
