/**
 * Change management: normal, standard (from a pre-approved template) and emergency changes, their
 * workflow, impact and risk computed from the live dependency graph, approval by managers or the
 * CAB, and the standard change templates.
 *
 * <p>Collisions between changes (same CI, dependency, joint outage), freezes and maintenance
 * windows are computed when read; a scheduled change that gains one is flagged and its team emailed
 * once, re-checked after change writes, freeze/window writes and {@code cmdb}'s {@code GraphChanged}.
 *
 * <p>Uses {@code cmdb} (affected CIs, the impact engine, dependency paths, graph changes), {@code servicedesk} (teams, the CAB team
 * and the office-hours calendar), {@code notify} (email to approvers and requesters) and
 * {@code platform}. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Change")
package org.estate.change;
