package org.estate.servicedesk;

import java.util.List;

/**
 * An assignment group: members (usernames), a shared email address warnings go to, the escalation
 * policy its pages follow (null: its members are paged together) and the channels (keys) its pages
 * also post to.
 */
public record TeamView(String key, String name, String email, List<String> members, String escalationPolicy, List<String> channels,
                       long version) {
}
