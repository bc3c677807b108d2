package org.estate.servicedesk;

import java.util.List;

/** An assignment group: members (usernames) and a shared email address warnings go to. */
public record TeamView(String key, String name, String email, List<String> members, long version) {
}
