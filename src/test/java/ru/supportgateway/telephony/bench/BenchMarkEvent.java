package ru.supportgateway.telephony.bench;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent: BenchMark} with {@code Seq: n}: written by the benchmark's fake Asterisk after each
 * batch of call events; the time from its write to its arrival behind the tracker is the batch's lag.
 */
public class BenchMarkEvent extends UserEvent {

    private static final long serialVersionUID = 1L;

    private String seq;

    public BenchMarkEvent(Object source) {
        super(source);
    }

    public String getSeq() {
        return seq;
    }

    public void setSeq(String seq) {
        this.seq = seq;
    }
}
