package ru.supportgateway.telephony.ami.event;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent(SupportCallback,...)} raised by the {@code h} extension of {@code callback-out}
 * when a gateway-initiated call-back ends: which ticket, which number, how the customer leg ended.
 */
public class SupportCallbackEvent extends UserEvent {

    private static final long serialVersionUID = 1L;

    private String linkedid;
    private String ticketId;
    private String number;
    private String dialStatus;
    private String answeredTime;

    public SupportCallbackEvent(Object source) {
        super(source);
    }

    public String getLinkedid() {
        return linkedid;
    }

    public void setLinkedid(String linkedid) {
        this.linkedid = linkedid;
    }

    public String getTicketId() {
        return ticketId;
    }

    public void setTicketId(String ticketId) {
        this.ticketId = ticketId;
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public String getDialStatus() {
        return dialStatus;
    }

    public void setDialStatus(String dialStatus) {
        this.dialStatus = dialStatus;
    }

    /** Seconds the customer leg was answered; empty when it never was. */
    public String getAnsweredTime() {
        return answeredTime;
    }

    public void setAnsweredTime(String answeredTime) {
        this.answeredTime = answeredTime;
    }
}
