package ru.supportgateway.report;

import java.util.Locale;

/** The journal's file formats. */
public enum ReportFormat {
    PDF("pdf", "application/pdf"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String contentType;

    ReportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** @throws IllegalArgumentException (400) for anything but pdf or xlsx */
    public static ReportFormat parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.extension.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Неизвестный формат «%s»: pdf или xlsx. / Unknown format '%s': use pdf or xlsx."
                .formatted(value, value));
    }
}
