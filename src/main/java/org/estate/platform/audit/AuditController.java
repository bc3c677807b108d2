package org.estate.platform.audit;

import org.estate.platform.AuditLog;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log")
class AuditController {

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /**
     * Audit entries, newest first.
     *
     * @param entity   the kind of record (ci, ticket, user, team, …)
     * @param entityId the record's id or key
     * @param actor    the username who made the change
     * @param from     entries at or after this instant
     * @param to       entries before this instant
     * @param sort     at, actor, entity or action ({@code -} for descending); default {@code -at}, newest first
     * @param page     the page, from 0
     * @param size     entries per page (default 50, at most 500)
     */
    @GetMapping
    @PreAuthorize("hasRole('MANAGER')")
    @Operation(summary = "Audit entries, newest first unless sorted otherwise; manager and admin only")
    PageResult<AuditLog.Entry> search(@RequestParam(required = false) String entity,
                                      @RequestParam(required = false) String entityId,
                                      @RequestParam(required = false) String actor,
                                      @RequestParam(required = false) java.time.Instant from,
                                      @RequestParam(required = false) java.time.Instant to,
                                      @RequestParam(required = false) String sort,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return auditLog.search(new AuditLog.Query(actor, entity, entityId, from, to), AuditLog.SORT.parse(sort), Paging.of(page, size));
    }
}
