package ru.supportgateway.telephony.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import ru.supportgateway.journal.RegisteredRequest;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.telephony.call.CallDrafts;

/** Answered calls waiting to be registered by the operator who took them. */
@RestController
@RequestMapping("/api/calls")
class CallDraftApi {

    private final DeskAccess access;
    private final CallDrafts drafts;

    CallDraftApi(DeskAccess access, CallDrafts drafts) {
        this.access = access;
        this.drafts = drafts;
    }

    record Registered(long callId, long requestId, String number, Instant registeredAt) {
    }

    @GetMapping("/drafts")
    List<CallDrafts.Call> drafts(Principal principal) {
        Operator reader = access.current(principal);
        return drafts.draftsOf(reader.username(), access.visibleDesks(reader));
    }

    @PostMapping("/{id}/register")
    @ResponseStatus(HttpStatus.CREATED)
    Registered register(Principal principal, @PathVariable long id, @RequestBody CallDrafts.Registration body) {
        Operator reader = access.current(principal);
        CallDrafts.Call call = drafts.find(id).orElseThrow(() -> new NotFoundException(
                "Звонок " + id + " не найден. / Call not found."));
        access.check(principal, call.deskId());
        RegisteredRequest r = drafts.register(id, reader.username(), body);
        return new Registered(id, r.id(), r.number(), r.registeredAt());
    }
}
