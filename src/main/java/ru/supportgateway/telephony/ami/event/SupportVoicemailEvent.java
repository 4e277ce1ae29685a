package ru.supportgateway.telephony.ami.event;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent(SupportVoicemail,...)} raised by the support line's {@code h} extension after a
 * voicemail was recorded. The body keys deliberately differ from the channel snapshot keys
 * ({@code VmCallerNum} instead of {@code CallerIDNum}) because duplicated keys break map parsers.
 * asterisk-java finds this class by its name: "SupportVoicemail" + "Event".
 */
public class SupportVoicemailEvent extends UserEvent {

    private static final long serialVersionUID = 1L;

    private String linkedid;
    private String mailbox;
    private String vmCallerNum;
    private String vmCallerName;
    private String reason;
    private String msgId;
    private String duration;
    private String messageFile;

    public SupportVoicemailEvent(Object source) {
        super(source);
    }

    public String getLinkedid() {
        return linkedid;
    }

    public void setLinkedid(String linkedid) {
        this.linkedid = linkedid;
    }

    public String getMailbox() {
        return mailbox;
    }

    public void setMailbox(String mailbox) {
        this.mailbox = mailbox;
    }

    public String getVmCallerNum() {
        return vmCallerNum;
    }

    public void setVmCallerNum(String vmCallerNum) {
        this.vmCallerNum = vmCallerNum;
    }

    public String getVmCallerName() {
        return vmCallerName;
    }

    public void setVmCallerName(String vmCallerName) {
        this.vmCallerName = vmCallerName;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMsgId() {
        return msgId;
    }

    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    /** Seconds as text: the dialplan extracts it from the message's .txt file and may leave it empty. */
    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getMessageFile() {
        return messageFile;
    }

    public void setMessageFile(String messageFile) {
        this.messageFile = messageFile;
    }
}
