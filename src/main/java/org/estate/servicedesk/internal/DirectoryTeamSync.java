package org.estate.servicedesk.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.estate.identity.DirectoryTeams;
import org.estate.platform.AuditLog;
import org.estate.platform.AuditLog.Change;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Team membership from the directory's groups, at each sign-in of a directory user: added to the teams
 * whose groups they are in, removed from the other teams that have a group configured; other teams are
 * left alone. A team key in a setting is matched ignoring case and punctuation (an environment
 * variable cannot hold a hyphen: {@code ESTATE_LDAP_TEAMGROUPS_SERVICE_DESK} is team {@code service-desk}).
 * Runs in the sign-in's transaction.
 */
@Component
class DirectoryTeamSync {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    DirectoryTeamSync(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    @Transactional
    void on(DirectoryTeams event) {
        Map<String, String> byLooseKey = new HashMap<>();
        jdbc.sql("SELECT team_key FROM sd_team").query(String.class).list().forEach(k -> byLooseKey.put(loose(k), k));
        Set<String> member = new HashSet<>(jdbc.sql("SELECT team_key FROM sd_team_member WHERE username = ?")
            .param(event.username()).query(String.class).list());
        Set<String> wanted = new HashSet<>();
        event.teams().forEach(t -> {
            String key = byLooseKey.get(loose(t));
            if (key != null) {
                wanted.add(key);
            }
        });
        for (String managed : event.managedTeams()) {
            String key = byLooseKey.get(loose(managed));
            if (key == null) {
                continue;
            }
            boolean in = member.contains(key);
            if (wanted.contains(key) && !in) {
                jdbc.sql("INSERT INTO sd_team_member (team_key, username) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(key, event.username()).update();
                changed(key, event.username(), "added to", new Change(null, event.username()));
            } else if (!wanted.contains(key) && in) {
                jdbc.sql("DELETE FROM sd_team_member WHERE team_key = ? AND username = ?").params(key, event.username()).update();
                changed(key, event.username(), "removed from", new Change(event.username(), null));
            }
        }
    }

    private void changed(String team, String username, String how, Change change) {
        jdbc.sql("UPDATE sd_team SET version = version + 1 WHERE team_key = ?").param(team).update();
        audit.record(TeamService.ENTITY, team, "updated", username + " " + how + " team " + team + " by their directory groups",
            Map.of("members", change));
    }

    private static String loose(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

}
