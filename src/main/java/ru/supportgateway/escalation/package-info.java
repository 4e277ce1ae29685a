/**
 * The feedback service's chain of authority and its deadlines: who holds a parent's question
 * ({@link ru.supportgateway.escalation.Level}), how long they have ({@link ru.supportgateway.escalation.EscalationRule},
 * working days of the feedback desk's calendar), the chain state and its once-only moves
 * ({@link ru.supportgateway.escalation.Chain}) and the clock that moves unanswered questions up
 * ({@link ru.supportgateway.escalation.EscalationClock}, driven by {@code routes/feedback-escalation.yaml}).
 * Who the holders are and how they are told is the feedback package's business, behind
 * {@link ru.supportgateway.escalation.Holders} and {@link ru.supportgateway.escalation.ChainListener}.
 */
package ru.supportgateway.escalation;
