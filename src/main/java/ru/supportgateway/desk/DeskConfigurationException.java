package ru.supportgateway.desk;

/** A desk's configuration is wrong; the message names the key and what is expected there. */
public class DeskConfigurationException extends RuntimeException {

    private final String key;

    public DeskConfigurationException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
