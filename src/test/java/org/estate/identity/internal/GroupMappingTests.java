package org.estate.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.estate.platform.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Directory groups to roles and teams: DNs compared as DNs, several groups per role, requester apart. */
@Tag("unit")
class GroupMappingTests {

    @Test
    void dnsMatchWhateverTheirCaseAndSpacing() {
        assertThat(LdapSignIn.canonical("CN=Estate Engineers,OU=Groups,DC=council,DC=local"))
            .isEqualTo(LdapSignIn.canonical("cn=estate engineers, ou=groups, dc=Council, dc=LOCAL"))
            .isNotEqualTo(LdapSignIn.canonical("CN=Estate Engineers 2,OU=Groups,DC=council,DC=local"));
    }

    @Test
    void aRoleMayHaveSeveralGroupsAndStaffRolesWinOverRequester() {
        GroupMapping roles = GroupMapping.roles("ESTATE_LDAP_ROLEGROUPS", Map.of(
            "engineer", "CN=Engineers,DC=c;CN=Infra,DC=c",
            "requester", "CN=All Staff,DC=c"), LdapSignIn::canonical);
        assertThat(roles.rolesFor(List.of(LdapSignIn.canonical("cn=infra,dc=c")))).containsExactly(Role.ENGINEER);
        assertThat(roles.rolesFor(List.of(LdapSignIn.canonical("CN=All Staff,DC=c")))).containsExactly(Role.REQUESTER);
        assertThat(roles.rolesFor(List.of(LdapSignIn.canonical("CN=All Staff,DC=c"), LdapSignIn.canonical("CN=Engineers,DC=c"))))
            .containsExactly(Role.ENGINEER);
        assertThat(roles.rolesFor(List.of(LdapSignIn.canonical("CN=Other,DC=c")))).isEmpty();
    }

    @Test
    void aSettingNamingNoRoleStopsTheStart() {
        assertThatThrownBy(() -> GroupMapping.roles("ESTATE_LDAP_ROLEGROUPS", Map.of("enginer", "CN=X"), LdapSignIn::canonical))
            .hasMessageContaining("ESTATE_LDAP_ROLEGROUPS_ENGINER names no role");
    }
}
