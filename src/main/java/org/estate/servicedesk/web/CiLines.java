package org.estate.servicedesk.web;

import java.util.List;
import java.util.Map;

import org.estate.cmdb.Cmdb;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.TicketService;

/** The desk forms' affected-CIs field: the CMDB's {@link org.estate.cmdb.CiLines} with the desk's limit. */
final class CiLines {

    private final org.estate.cmdb.CiLines lines;

    CiLines(Cmdb cmdb) {
        this.lines = new org.estate.cmdb.CiLines(cmdb, TicketService.MAX_CIS);
    }

    /** The lines a ticket's affected CIs are shown as: "Name (Class label)". */
    String show(List<TicketView.CiRef> cis) {
        return String.join("\n", cis.stream().map(c -> lines.line(c.name(), c.ciClass())).toList());
    }

    /** See {@link org.estate.cmdb.CiLines#resolve}. */
    void resolve(String text, List<Long> ids, Map<String, String> errors) {
        lines.resolve(text, ids, errors);
    }
}
