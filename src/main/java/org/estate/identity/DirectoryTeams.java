package org.estate.identity;

import java.util.Set;

/**
 * Published (synchronously, in the sign-in's transaction) when a directory user signs in and team
 * groups are configured ({@code ESTATE_LDAP_TEAMGROUPS_<TEAM>}, {@code ESTATE_OIDC_TEAMGROUPS_<TEAM>}):
 * the user belongs to {@code teams} and to none of the other {@code managedTeams}. Teams the
 * directory does not manage are left as they are.
 *
 * @param username     the Estate username
 * @param teams        the team keys whose groups the user is in
 * @param managedTeams every team key with a group configured (a superset of {@code teams})
 */
public record DirectoryTeams(String username, Set<String> teams, Set<String> managedTeams) {
}
