package ru.supportgateway.email.intake;

import jakarta.mail.Message;

/**
 * One mail of a mailbox poll, as the intake route gets it.
 *
 * @param message the mailbox's message (its flags are set by the intake consumer once the poll is stored)
 * @param raw     its raw bytes, read with the poll's other mail; null when it was too large to read that way
 *                (it is then read from the mailbox on its own, up to the desk's max-size)
 */
public record PolledMail(Message message, byte[] raw) {
}
