/**
 * The service desk: business calendars, SLA policies and clocks, teams, incidents, service
 * requests from a catalogue, problems and known errors, and the staff portal.
 *
 * <p>Uses {@code cmdb} (affected CIs and the business services their failure takes down),
 * {@code notify} (email to reporters and teams) and {@code platform}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service desk")
package org.estate.servicedesk;
