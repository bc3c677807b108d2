/**
 * Change management: normal, standard (from a pre-approved template) and emergency changes, their
 * workflow, impact and risk computed from the live dependency graph, approval by managers or the
 * CAB, the standard change templates, freeze periods and maintenance windows, and the answer to
 * "which CIs are in maintenance at T?" ({@link org.estate.change.Maintenance}) that monitoring asks.
 *
 * <p>Uses {@code cmdb} (affected CIs, the impact engine), {@code servicedesk} (teams, the CAB team
 * and the office-hours calendar), {@code notify} (email to approvers and requesters) and
 * {@code platform}. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Change")
package org.estate.change;
