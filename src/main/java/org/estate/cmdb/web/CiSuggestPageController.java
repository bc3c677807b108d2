package org.estate.cmdb.web;

import java.util.List;

import org.estate.cmdb.CiSuggestion;
import org.estate.cmdb.Cmdb;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The CI picker's type-ahead (js/ci-picker.js): JSON for the signed-in page session, since the API
 * under /api takes tokens and Basic, not the session cookie. Without JavaScript the forms take
 * the typed name and the server resolves it.
 */
@Controller
class CiSuggestPageController {

    static final int SUGGESTIONS = 10;

    private final Cmdb cmdb;

    CiSuggestPageController(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    @GetMapping(path = "/cmdb/ci-suggestions", produces = "application/json")
    @PreAuthorize("hasRole('VIEWER')")
    @ResponseBody
    List<CiSuggestion> suggestCis(@RequestParam(required = false) String q) {
        return cmdb.suggest(q, SUGGESTIONS);
    }
}
