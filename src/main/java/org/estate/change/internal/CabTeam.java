package org.estate.change.internal;

import org.estate.servicedesk.DeskDirectory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** The team with key {@code cab} (the change advisory board) exists from the first start, empty until a manager adds members. */
@Component
class CabTeam implements ApplicationRunner {

    private final DeskDirectory desk;

    CabTeam(DeskDirectory desk) {
        this.desk = desk;
    }

    @Override
    public void run(ApplicationArguments args) {
        desk.ensureTeam(ChangeApprovals.CAB, "Change advisory board");
    }
}
