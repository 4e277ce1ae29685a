package ru.supportgateway.feedback;

/** Who answers for an organisation: a school has a deputy head and a director, an authority one responsible person. */
public enum PersonRole {
    DEPUTY("Заместитель директора (ответственный за обратную связь)"),
    DIRECTOR("Директор"),
    RESPONSIBLE("Ответственный");

    private final String label;

    PersonRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The roles an organisation of this kind has. */
    public static java.util.List<PersonRole> of(OrgKind kind) {
        return kind == OrgKind.SCHOOL ? java.util.List.of(DEPUTY, DIRECTOR) : java.util.List.of(RESPONSIBLE);
    }
}
