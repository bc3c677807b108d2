package org.estate.servicedesk.web;

import java.time.Instant;

import jakarta.servlet.http.HttpServletResponse;

import org.estate.platform.CsvOutput;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.servicedesk.ProblemView;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.Actor;
import org.estate.servicedesk.internal.ProblemService;
import org.estate.servicedesk.internal.TicketService;
import org.estate.servicedesk.internal.TicketService.Filter;

/**
 * The API's ticket and problem exports: exactly the rows the list gives for the same filters and
 * order, every page of them, as CSV. The filters and order are checked first (the list answers
 * one row), so a bad one is a 422 naming it, never a cut-off 200.
 */
final class TicketCsv {

    private TicketCsv() {
    }

    static void tickets(TicketService tickets, Filter filter, Sort sort, Actor actor, String filename, boolean excel,
                        HttpServletResponse response) {
        tickets.search(filter, sort, Paging.of(0, 1), actor);
        CsvOutput csv = CsvOutput.attachment(response, filename, excel);
        csv.row("ref", "type", "title", "status", "hold_reason", "priority", "impact", "urgency", "category", "team", "assignee",
            "reporter", "reporter_email", "requester", "item", "opened_at", "responded_at", "resolved_at", "closed_at", "updated_at",
            "sla_policy", "response_due", "resolution_due", "response_breached", "resolution_breached", "resolution_code");
        for (int page = 0; ; page++) {
            PageResult<TicketView> result = tickets.search(filter, sort, new Paging(page, Paging.MAX_SIZE), actor);
            for (TicketView t : result.items()) {
                TicketView.Sla sla = t.sla();
                csv.row(t.ref(), t.type(), t.title(), t.status(), t.holdReason(), t.priority(), t.impact(), t.urgency(), t.category(),
                    t.team(), t.assignee(), t.reporter() == null ? null : t.reporter().name(),
                    t.reporter() == null ? null : t.reporter().email(), t.requester(), t.item(), text(t.openedAt()),
                    text(t.respondedAt()), text(t.resolvedAt()), text(t.closedAt()), text(t.updatedAt()),
                    sla == null ? null : sla.policy(), sla == null ? null : text(sla.responseDue()),
                    sla == null ? null : text(sla.resolutionDue()), sla == null ? null : String.valueOf(sla.responseBreached()),
                    sla == null ? null : String.valueOf(sla.resolutionBreached()), t.resolutionCode());
            }
            if ((long) (page + 1) * Paging.MAX_SIZE >= result.total()) {
                break;
            }
        }
        csv.flush();
    }

    static void problems(ProblemService problems, java.util.List<String> status, Boolean knownError, String q, Sort sort, boolean excel,
                         HttpServletResponse response) {
        problems.search(status, knownError, q, sort, Paging.of(0, 1));
        CsvOutput csv = CsvOutput.attachment(response, "problems.csv", excel);
        csv.row("ref", "title", "status", "known_error", "team", "assignee", "root_cause", "workaround", "created_at", "updated_at",
            "resolved_at");
        for (int page = 0; ; page++) {
            PageResult<ProblemView> result = problems.search(status, knownError, q, sort, new Paging(page, Paging.MAX_SIZE));
            for (ProblemView p : result.items()) {
                csv.row(p.ref(), p.title(), p.status(), String.valueOf(p.knownError()), p.team(), p.assignee(), p.rootCause(),
                    p.workaround(), text(p.createdAt()), text(p.updatedAt()), text(p.resolvedAt()));
            }
            if ((long) (page + 1) * Paging.MAX_SIZE >= result.total()) {
                break;
            }
        }
        csv.flush();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
