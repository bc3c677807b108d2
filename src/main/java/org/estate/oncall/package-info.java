/**
 * On-call: rotas (layers with members, daily, weekly or N-hour rotations handing over at a local
 * wall-clock time, restrictions to local hours, overrides), who is on call at any instant, the
 * shifts over any span, each person's on-call load per month, and iCalendar feeds of a rota and of
 * a person's shifts.
 *
 * <p>Uses {@code identity} (the members are users), {@code servicedesk} (the office-hours calendar
 * that out-of-hours load is counted against) and {@code platform} (audit, feed tokens).
 */
@org.springframework.modulith.ApplicationModule(displayName = "On-call")
package org.estate.oncall;
