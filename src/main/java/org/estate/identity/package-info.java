/**
 * Users, roles and API tokens; implements the platform's {@link org.estate.platform.AccountDirectory}
 * so that security can sign people and scripts in.
 *
 * <p>Uses {@code platform} only (audit log, errors, paging).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.estate.identity;
