package org.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.estate.test.ApiClient;
import org.estate.test.EstateTest;
import org.estate.test.SourceClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Roles are one rule, not one per path: every page action (a form POST) refuses the roles that its
 * API refuses. The table below names, for each page action, its API endpoint and the roles that
 * endpoint refuses; each of those roles, signed in through the login form, is answered 403 by the
 * page. A page action missing from the table fails the test, so a new one must state its rule here.
 */
@EstateTest
class PageRoleParityTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static final List<String> BELOW_ADMIN = List.of("manager", "requester");
    private static final List<String> BELOW_MANAGER = List.of("engineer", "requester");
    private static final List<String> BELOW_ENGINEER = List.of("viewer", "requester");
    private static final List<String> NOT_ENGINEER_OR_REQUESTER = List.of("viewer");

    /** Page action -> (the API endpoint with the same effect, the roles that API refuses). */
    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private record Rule(String api, List<String> refused) {
    }

    private static void rule(String page, String api, List<String> refused) {
        RULES.put(page, new Rule(api, refused));
    }

    static {
        rule("/admin/users", "POST /api/v1/users", BELOW_ADMIN);
        rule("/admin/users/{username}", "PATCH /api/v1/users/{username}", BELOW_ADMIN);
        rule("/admin/users/{username}/unlock", "POST /api/v1/users/{username}/unlock", BELOW_ADMIN);
        rule("/account/tokens", "POST /api/v1/tokens", List.of());
        rule("/account/tokens/{id}/revoke", "DELETE /api/v1/tokens/{id}", List.of());
        rule("/account/password", "POST /api/v1/account/password", List.of());
        rule("/account/feeds", "POST /api/v1/feed-tokens", List.of("requester"));
        rule("/account/feeds/{id}/revoke", "DELETE /api/v1/feed-tokens/{id}", List.of("requester"));
        rule("/cmdb/cis", "POST /api/v1/cis", BELOW_ENGINEER);
        rule("/cmdb/cis/{id}/edit", "PATCH /api/v1/cis/{id}", BELOW_ENGINEER);
        rule("/cmdb/cis/{id}/delete", "DELETE /api/v1/cis/{id}", BELOW_ENGINEER);
        rule("/cmdb/cis/{id}/relationships", "POST /api/v1/relationships", BELOW_ENGINEER);
        rule("/cmdb/relationships/{relationshipId}/delete", "DELETE /api/v1/relationships/{id}", BELOW_ENGINEER);
        rule("/cmdb/import", "POST /api/v1/cis/import", BELOW_ENGINEER);
        rule("/admin/backup", "POST /api/v1/admin/backup", BELOW_ADMIN);
        rule("/cmdb/classes/{key}/attributes", "POST /api/v1/ci-classes/{key}/attributes", BELOW_ADMIN);
        rule("/desk/incidents", "POST /api/v1/incidents", NOT_ENGINEER_OR_REQUESTER);
        rule("/desk/tickets/{ref}/updates", "POST /api/v1/incidents/{ref}/updates", NOT_ENGINEER_OR_REQUESTER);
        rule("/desk/tickets/{ref}/status", "POST /api/v1/incidents/{ref}/status", BELOW_ENGINEER);
        rule("/desk/tickets/{ref}/edit", "PATCH /api/v1/incidents/{ref}", BELOW_ENGINEER);
        rule("/desk/tickets/{ref}/approval", "POST /api/v1/requests/{ref}/approval", BELOW_MANAGER);
        rule("/desk/catalogue/{key}", "POST /api/v1/requests", NOT_ENGINEER_OR_REQUESTER);
        rule("/desk/problems", "POST /api/v1/problems", BELOW_ENGINEER);
        rule("/desk/problems/{ref}", "PATCH /api/v1/problems/{ref}", BELOW_ENGINEER);
        rule("/portal/report", "POST /api/v1/incidents", NOT_ENGINEER_OR_REQUESTER);
        rule("/portal/catalogue/{key}", "POST /api/v1/requests", NOT_ENGINEER_OR_REQUESTER);
        rule("/portal/tickets/{ref}/comments", "POST /api/v1/incidents/{ref}/updates", NOT_ENGINEER_OR_REQUESTER);
        rule("/admin/sla-policies/{key}", "PUT /api/v1/sla-policies/{key}", BELOW_MANAGER);
        rule("/admin/calendars", "POST /api/v1/calendars", BELOW_MANAGER);
        rule("/admin/calendars/{key}", "PUT /api/v1/calendars/{key}", BELOW_MANAGER);
        rule("/admin/calendars/{key}/holidays", "POST /api/v1/calendars/{key}/holidays/import", BELOW_MANAGER);
        rule("/admin/teams/{key}", "PUT /api/v1/teams/{key}", BELOW_MANAGER);
        rule("/admin/teams", "POST /api/v1/teams", BELOW_MANAGER);
        rule("/desk/tickets/{ref}/assign-to-me", "POST /api/v1/incidents/{ref}/assign-to-me", BELOW_ENGINEER);
        // Changes
        rule("/changes", "POST /api/v1/changes", BELOW_ENGINEER);
        rule("/changes/{ref}/edit", "PATCH /api/v1/changes/{ref}", BELOW_ENGINEER);
        rule("/changes/{ref}/submit", "POST /api/v1/changes/{ref}/submit", BELOW_ENGINEER);
        rule("/changes/{ref}/decision", "POST /api/v1/changes/{ref}/approvals", BELOW_ENGINEER);
        rule("/changes/{ref}/move", "POST /api/v1/changes/{ref}/status", BELOW_ENGINEER);
        // The API lets an engineer PATCH, and refuses riskOverride to anyone but a manager (403).
        rule("/changes/{ref}/risk", "PATCH /api/v1/changes/{ref} riskOverride", BELOW_MANAGER);
        rule("/changes/templates", "POST /api/v1/change-templates", BELOW_MANAGER);
        rule("/changes/templates/{key}/reinstate", "POST /api/v1/change-templates/{key}/reinstate", BELOW_MANAGER);
        rule("/changes/freezes", "POST /api/v1/freezes", BELOW_MANAGER);
        rule("/changes/freezes/{id}", "PATCH /api/v1/freezes/{id}", BELOW_MANAGER);
        rule("/changes/freezes/{id}/delete", "DELETE /api/v1/freezes/{id}", BELOW_MANAGER);
        rule("/changes/windows", "POST /api/v1/maintenance-windows", BELOW_ENGINEER);
        rule("/changes/windows/{id}/delete", "DELETE /api/v1/maintenance-windows/{id}", BELOW_ENGINEER);
        // Monitoring
        rule("/monitoring/checks", "POST /api/v1/checks", BELOW_ENGINEER);
        rule("/monitoring/checks/{id}/edit", "PATCH /api/v1/checks/{id}", BELOW_ENGINEER);
        rule("/monitoring/checks/{id}/pause", "PATCH /api/v1/checks/{id} enabled", BELOW_ENGINEER);
        rule("/monitoring/checks/{id}/resume", "PATCH /api/v1/checks/{id} enabled", BELOW_ENGINEER);
        rule("/monitoring/checks/{id}/delete", "DELETE /api/v1/checks/{id}", BELOW_ENGINEER);
        rule("/monitoring/checks/{id}/ping-url", "POST /api/v1/checks/{id}/ping-url", BELOW_ENGINEER);
        rule("/monitoring/checks/{id}/run", "POST /api/v1/checks/{id}/run", BELOW_ENGINEER);
        // Notifications
        rule("/admin/channels", "POST /api/v1/channels", BELOW_ADMIN);
        rule("/admin/channels/{key}/delete", "DELETE /api/v1/channels/{key}", BELOW_ADMIN);
        // On call
        rule("/rotas/{key}/overrides", "POST /api/v1/rotas/{key}/overrides", BELOW_ENGINEER);
        rule("/rotas/{key}/overrides/{id}/delete", "DELETE /api/v1/rotas/{key}/overrides/{id}", BELOW_ENGINEER);
        rule("/pages", "POST /api/v1/pages", BELOW_ENGINEER);
        rule("/pages/{id}/acknowledge", "POST /api/v1/pages/{id}/acknowledge", BELOW_ENGINEER);
        rule("/pages/{id}/resolve", "POST /api/v1/pages/{id}/resolve", BELOW_ENGINEER);
        // No sign-in: the one-time token in the link is the credential (AckPageController).
        rule("/ack/{token}", "POST /api/v1/pages/{id}/acknowledge", List.of());
        // Everyone sets their own contact methods (the page acts only on the signed-in person's).
        rule("/account/contact-methods", "PUT /api/v1/users/{username}/contact-methods", List.of());
    }

    private Set<String> pagePostActions() {
        Set<String> actions = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.POST) || methods.contains(RequestMethod.PUT)
                || methods.contains(RequestMethod.PATCH) || methods.contains(RequestMethod.DELETE)) {
                info.getPatternValues().stream().filter(p -> !p.startsWith("/api/") && !p.startsWith("/error"))
                    .forEach(actions::add);
            }
        });
        return actions;
    }

    @Test
    void everyPageActionStatesItsApiRule() {
        Set<String> actions = pagePostActions();
        assertThat(actions).hasSizeGreaterThan(20);
        assertThat(RULES.keySet()).as("page actions with a declared API rule").containsAll(actions);
        assertThat(actions).as("declared rules for page actions that no longer exist").containsAll(RULES.keySet());
    }

    @Test
    void everyPageActionRefusesTheRolesItsApiRefuses() {
        Map<String, SourceClient> sessions = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (var e : RULES.entrySet()) {
            String path = e.getKey().replaceAll("\\{[^}]+}", "1");
            for (String role : e.getValue().refused()) {
                SourceClient session = sessions.computeIfAbsent(role, r -> {
                    ApiClient.as(port, "parity." + r, r);
                    SourceClient s = new SourceClient(port, "127.0.30.1");
                    assertThat(s.formLogin("parity." + r, ApiClient.PASSWORD).location()).doesNotContain("/login");
                    s.get("/account/tokens");
                    // Control: this session's form posts pass CSRF, so a 403 below is the role's.
                    assertThat(s.post("/account/tokens", Map.of("name", "")).body()).contains("Enter a name");
                    return s;
                });
                // version and ci satisfy the handlers' required fields, so the role is what decides.
                int status = session.post(path, Map.of("version", "0", "ci", "1")).status();
                tried++;
                if (status != 403) {
                    wrong.add(role + " POST " + path + " (API " + e.getValue().api() + ") answered " + status);
                }
            }
        }
        assertThat(tried).isGreaterThan(40);
        assertThat(wrong).as("page actions that let in a role their API refuses").isEmpty();
    }
}
