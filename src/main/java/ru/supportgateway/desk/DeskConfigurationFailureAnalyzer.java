package ru.supportgateway.desk;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad desk key into a short start-up report instead of a stack trace. */
class DeskConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<DeskConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DeskConfigurationException cause) {
        return new FailureAnalysis("Desk configuration error: " + cause.getMessage(),
                "Correct " + cause.key() + " in the desk's file under desks/ (see README, \"Configuring a desk\").", cause);
    }
}
