package ru.supportgateway.operator;

/** What an operator may do: operators work their desks, supervisors also approve and export, administrators manage. */
public enum Role {
    OPERATOR, SUPERVISOR, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
