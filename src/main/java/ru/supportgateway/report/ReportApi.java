package ru.supportgateway.report;

import java.security.Principal;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.supportgateway.operator.DeskAccess;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.Role;

/**
 * {@code GET /api/reports/journal?desk=sc&month=2026-10&format=pdf|xlsx}: the monthly journal as a file.
 * Exporting the journal is the supervisors' job (issue: "supervisors export"), so supervisors of the
 * desk and the administrator may; operators get 403 even at their own desk.
 */
@RestController
@RequestMapping("/api/reports")
public class ReportApi {

    private final MonthlyJournals journals;
    private final DeskAccess access;

    public ReportApi(MonthlyJournals journals, DeskAccess access) {
        this.journals = journals;
        this.access = access;
    }

    @GetMapping("/journal")
    public ResponseEntity<byte[]> journal(Principal principal, @RequestParam String desk, @RequestParam String month,
                                          @RequestParam(defaultValue = "pdf") String format) {
        Operator reader = access.check(principal, desk.strip());
        if (reader.role() == Role.OPERATOR) {
            throw new ExportDeniedException();
        }
        ReportFormat f = ReportFormat.parse(format);
        MonthlyJournals.JournalFile file = journals.render(journals.of(desk.strip(), MonthlyJournal.parseMonth(month)), f);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
                // personal data of parents and children: no copies in shared caches
                .cacheControl(CacheControl.noStore())
                .body(file.content());
    }

    @ExceptionHandler
    ProblemDetail denied(ExportDeniedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setTitle("Нет доступа / Forbidden");
        return p;
    }

    /** An operator asked for the journal file. */
    static class ExportDeniedException extends RuntimeException {
        ExportDeniedException() {
            super("Выгружать журнал могут руководитель службы и администратор. / Only supervisors and the administrator export the journal.");
        }
    }
}
