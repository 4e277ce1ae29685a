package ru.supportgateway.email;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Loop guard: decides whether an incoming mail is automatic, i.e. must not get an acknowledgement.
 * It does not decide whether the mail is stored or registered — automatic mail is still stored, and
 * registered when it is a real request.
 *
 * <p>Filters run in order and the first match wins, so the reported reason is the most specific one
 * (our own acknowledgement before the generic {@code Auto-Submitted} it also carries).
 */
public final class AutoMailDetector {

    private final List<AutoMailFilter> filters;

    public AutoMailDetector(List<AutoMailFilter> filters) {
        this.filters = List.copyOf(Objects.requireNonNull(filters, "filters"));
    }

    /**
     * The standard chain.
     *
     * @param ownAddresses the gateway's own desk addresses (compared case-insensitively)
     */
    public static AutoMailDetector standard(Set<String> ownAddresses) {
        return new AutoMailDetector(List.of(
                AutoMailFilters.ownGatewayMail(),
                AutoMailFilters.ownAddress(ownAddresses),
                AutoMailFilters.deliveryStatus(),
                AutoMailFilters.bounceEnvelope(),
                AutoMailFilters.autoSubmitted(),
                AutoMailFilters.autoreplyHeaders(),
                AutoMailFilters.autoResponseSuppress(),
                AutoMailFilters.precedence(),
                AutoMailFilters.mailingList(),
                AutoMailFilters.systemSender(),
                AutoMailFilters.noReplySender()));
    }

    public AutoMailVerdict detect(ParsedMail mail) {
        Objects.requireNonNull(mail, "mail");
        for (AutoMailFilter filter : filters) {
            Optional<AutoMailVerdict> verdict = filter.check(mail);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        return AutoMailVerdict.human();
    }
}
