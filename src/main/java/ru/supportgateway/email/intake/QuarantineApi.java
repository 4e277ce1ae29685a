package ru.supportgateway.email.intake;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import ru.supportgateway.operator.Role;

/**
 * Mail the intake could not take in (unreadable, too large, failing again and again), newest first,
 * for administrators and supervisors. The raw bytes stay in {@code inbound_message.raw}.
 */
@RestController
@RequestMapping("/api/quarantine")
class QuarantineApi {

    private final InboundMessages inbound;

    QuarantineApi(InboundMessages inbound) {
        this.inbound = inbound;
    }

    @GetMapping
    List<InboundMessages.Quarantined> list(Authentication who, @RequestParam(defaultValue = "200") int limit) {
        boolean allowed = who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.ADMIN.authority())
                || a.getAuthority().equals(Role.SUPERVISOR.authority()));
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "administrators and supervisors only");
        }
        return inbound.quarantined(Math.max(1, Math.min(limit, 1000)));
    }
}
