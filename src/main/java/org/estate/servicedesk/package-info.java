/**
 * The service desk: business calendars, SLA policies and clocks, teams, incidents, service
 * requests from a catalogue, problems and known errors, and the staff portal.
 *
 * <p>Uses {@code cmdb} (affected CIs and the business services their failure takes down),
 * {@code notify} (email to reporters and teams) and {@code platform}. It declares
 * {@link org.estate.servicedesk.RecentChanges} ("what changed?" on an incident's CIs), which the
 * change module above it answers, so that the desk never depends on changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service desk")
package org.estate.servicedesk;
