package ru.supportgateway.journal;

/** How a request reached the desk. */
public enum Channel {
    /** A letter to the desk's mailbox. */
    EMAIL("Электронная почта"),
    /** A call an operator answered and registered. */
    PHONE("Телефон"),
    /** A call nobody answered; the desk owes a call-back. */
    MISSED_CALL("Пропущенный звонок"),
    /** A voicemail left after hours or when nobody answered. */
    VOICEMAIL("Голосовое сообщение"),
    /** A form on the gateway's web pages. */
    WEB("Веб-форма"),
    /** The applicant's answer through the status page's feedback form. */
    FEEDBACK("Отзыв заявителя");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
