/**
 * Change management: normal, standard (from a pre-approved template) and emergency changes, their
 * workflow, impact and risk computed from the live dependency graph, approval by managers or the
 * CAB, the standard change templates, freeze periods and maintenance windows, and the answer to
 * "which CIs are in maintenance at T?" ({@link org.estate.change.Maintenance}) that monitoring asks;
 * the change calendar (JSON, a page, and an iCalendar feed read with a feed token).
 *
 * <p>Collisions between changes (same CI, dependency, joint outage), freezes and maintenance
 * windows are computed when read; a scheduled change that gains one is flagged and its team emailed
 * once, re-checked after change writes, freeze/window writes and {@code cmdb}'s {@code GraphChanged}.
 *
 * <p>Uses {@code cmdb} (affected CIs, the impact engine, dependency paths, graph changes), {@code servicedesk} (teams, the CAB team
 * and the office-hours calendar), {@code notify} (email to approvers and requesters) and
 * {@code platform}. It answers questions those modules declare: the service desk's
 * {@link org.estate.servicedesk.RecentChanges} ("what changed?" on an incident), a
 * {@link org.estate.cmdb.CiPagePanel} (changes on the CI page) and the platform's
 * {@link org.estate.platform.FeedPaths} (its calendar feed). Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Change")
package org.estate.change;
