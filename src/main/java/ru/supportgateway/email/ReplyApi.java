package ru.supportgateway.email;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import ru.supportgateway.journal.JournalQueries;
import ru.supportgateway.journal.RequestNotFoundException;
import ru.supportgateway.journal.RequestStatus;
import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;

/** {@code POST /api/requests/{number}/replies}: an operator answers the sender by email. */
@RestController
class ReplyApi {

    private final Replies replies;
    private final JournalQueries queries;
    private final DeskAccess access;

    ReplyApi(Replies replies, JournalQueries queries, DeskAccess access) {
        this.replies = replies;
        this.queries = queries;
        this.access = access;
    }

    /** Body: the answer's text and, optionally, the status to move the request to. */
    record ReplyBody(String text, RequestStatus status) {
    }

    @PostMapping("/api/requests/{number}/replies")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replies.Sent reply(Principal principal, @PathVariable String number, @RequestBody ReplyBody body) {
        String desk = queries.find(number).orElseThrow(() -> new RequestNotFoundException(number)).deskId();
        Operator operator = access.check(principal, desk);
        return replies.send(number, operator.username(), body == null ? null : body.text(),
                body == null ? null : body.status());
    }
}
