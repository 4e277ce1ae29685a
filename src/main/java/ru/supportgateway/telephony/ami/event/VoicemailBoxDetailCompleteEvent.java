package ru.supportgateway.telephony.ami.event;

import org.asteriskjava.manager.event.ResponseEvent;

/** Ends the {@code VoicemailBoxSummary} list ({@code EventList: Complete}, {@code ListItems: N}). */
public class VoicemailBoxDetailCompleteEvent extends ResponseEvent {

    private static final long serialVersionUID = 1L;

    private String eventList;
    private Integer listItems;

    public VoicemailBoxDetailCompleteEvent(Object source) {
        super(source);
    }

    public String getEventList() {
        return eventList;
    }

    public void setEventList(String eventList) {
        this.eventList = eventList;
    }

    public Integer getListItems() {
        return listItems;
    }

    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }
}
