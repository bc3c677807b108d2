package org.estate.identity;

import java.util.List;

/** A request to create a user. */
public record NewUser(String username, String displayName, String email, List<String> roles, String password) {
}
