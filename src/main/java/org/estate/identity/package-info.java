/**
 * Users, roles, API tokens and feed tokens; implements the platform's
 * {@link org.estate.platform.AccountDirectory} and {@link org.estate.platform.FeedTokenDirectory}
 * so that security can sign people and scripts in, and let calendar programs read feeds.
 *
 * <p>Uses {@code platform} only (audit log, errors, paging).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.estate.identity;
