package org.estate.platform.web;

import java.util.List;

import org.estate.platform.search.SiteSearch;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

@RestController
class SearchApiController {

    private final SiteSearch search;

    SearchApiController(SiteSearch search) {
        this.search = search;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(Long id, String ref, String title, String url, String match) {
    }

    record Group(String kind, List<Item> items) {
    }

    record Answer(String q, List<Group> groups) {
    }

    /**
     * Search CIs, tickets, problems, known errors, users and teams at once, grouped by kind, best first.
     * A requester gets only their own tickets; the other groups appear only to roles that may open them.
     * Blank {@code q} answers no groups.
     *
     * @param q the text: a name, an attribute value (IP address, host name, serial number), a ticket
     *          reference or its bare number, a word of a title, a reporter; at most 200 characters
     * @param limit the most hits per group, 1 to 50 (default 10)
     */
    @GetMapping("/api/v1/search")
    @PreAuthorize("isAuthenticated()")
    Answer searchEverything(@RequestParam(required = false) String q, @RequestParam(required = false) String limit,
                            Authentication auth) {
        SiteSearch.Result result = search.search(q, limit, auth);
        return new Answer(result.q(), result.groups().stream().map(g -> new Group(g.kind(),
            g.items().stream().map(h -> new Item(h.id(), h.ref(), h.title(), h.url(), h.match())).toList())).toList());
    }
}
