package ru.supportgateway.telephony.ami.action;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

import ru.supportgateway.telephony.ami.event.VoicemailBoxDetailCompleteEvent;

/**
 * {@code Action: VoicemailBoxSummary} (Context, Mailbox): lists the messages of one mailbox as
 * {@code VoicemailBoxDetail} events. Missing from asterisk-java 3.42.2.
 */
public class VoicemailBoxSummaryAction extends AbstractManagerAction implements EventGeneratingAction {

    private static final long serialVersionUID = 1L;

    private String context;
    private String mailbox;

    public VoicemailBoxSummaryAction() {
    }

    public VoicemailBoxSummaryAction(String context, String mailbox) {
        this.context = context;
        this.mailbox = mailbox;
    }

    @Override
    public String getAction() {
        return "VoicemailBoxSummary";
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return VoicemailBoxDetailCompleteEvent.class;
    }

    public String getContext() {
        return context;
    }

    public void setContext(String context) {
        this.context = context;
    }

    public String getMailbox() {
        return mailbox;
    }

    public void setMailbox(String mailbox) {
        this.mailbox = mailbox;
    }
}
