/**
 * The shared kernel: security, the audit log, problem-details errors, paging, optimistic-locking
 * helpers, time and the page layout.
 *
 * <p>It depends on no other module. Where it needs something a higher module owns (security needs
 * accounts from {@code identity}), it declares the interface here ({@link org.estate.platform.AccountDirectory})
 * and the higher module implements it, so dependencies stay one-way.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.estate.platform;
