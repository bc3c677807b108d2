package org.estate.identity;

import java.util.List;

/** An admin's changes to a user; a null field is left as it is. */
public record UserChanges(String displayName, String email, List<String> roles, Boolean enabled, String password) {
}
