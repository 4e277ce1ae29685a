package ru.supportgateway.telephony.ami.event;

import org.asteriskjava.manager.event.ResponseEvent;

/**
 * One message in the answer to {@code VoicemailBoxSummary} (app_voicemail; not known to
 * asterisk-java 3.42.2). {@code ID} is the msg_id used by VoicemailMove/VoicemailRemove;
 * {@code Date} is locale-formatted text, so it is kept as a string.
 */
public class VoicemailBoxDetailEvent extends ResponseEvent {

    private static final long serialVersionUID = 1L;

    private String folder;
    private String callerId;
    private String date;
    private String duration;
    private String flag;
    private String id;

    public VoicemailBoxDetailEvent(Object source) {
        super(source);
    }

    public String getFolder() {
        return folder;
    }

    public void setFolder(String folder) {
        this.folder = folder;
    }

    public String getCallerId() {
        return callerId;
    }

    public void setCallerId(String callerId) {
        this.callerId = callerId;
    }

    public String getDate() {
        return date;
    }

    public void setDate(String date) {
        this.date = date;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getFlag() {
        return flag;
    }

    public void setFlag(String flag) {
        this.flag = flag;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
