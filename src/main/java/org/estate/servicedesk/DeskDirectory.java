package org.estate.servicedesk;

import java.util.List;
import java.util.Optional;

/**
 * What other modules may ask the service desk about its teams and calendars (the change module
 * names a change's team, asks the CAB's members, and counts office hours), without reaching inside.
 */
public interface DeskDirectory {

    /** Every team, by name (for choosing one, as the change calendar's filter does). */
    List<TeamView> teams();

    /** The team with this key, with its members. */
    Optional<TeamView> team(String key);

    /** Creates an empty team with this key and name unless one exists (audited); safe to call at every start. */
    void ensureTeam(String key, String name);

    /**
     * The current revision of the business calendar with this key.
     *
     * @throws org.estate.platform.NotFoundException when there is no such calendar
     */
    BusinessCalendar calendar(String key);
}
