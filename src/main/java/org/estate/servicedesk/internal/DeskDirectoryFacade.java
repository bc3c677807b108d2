package org.estate.servicedesk.internal;

import java.util.List;
import java.util.Optional;

import org.estate.platform.ConflictException;
import org.estate.servicedesk.BusinessCalendar;
import org.estate.servicedesk.DeskDirectory;
import org.estate.servicedesk.TeamView;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** {@link DeskDirectory} over the team and calendar services. */
@Service
class DeskDirectoryFacade implements DeskDirectory {

    private final TeamService teams;
    private final CalendarService calendars;

    DeskDirectoryFacade(TeamService teams, CalendarService calendars) {
        this.teams = teams;
        this.calendars = calendars;
    }

    @Override
    public List<TeamView> teams() {
        return teams.list();
    }

    @Override
    public Optional<TeamView> team(String key) {
        return teams.find(key);
    }

    @Override
    public void ensureTeam(String key, String name) {
        if (teams.find(key).isPresent()) {
            return;
        }
        try {
            teams.create(new TeamService.TeamInput(key, name, null, List.of()));
        } catch (ConflictException | DuplicateKeyException e) {
            // Another node created it at the same moment: it exists, which is all that was asked.
        }
    }

    @Override
    public BusinessCalendar calendar(String key) {
        return calendars.current(key).calendar();
    }
}
