package org.estate.oncall.web;

import java.util.List;

import org.estate.platform.FeedPaths;
import org.springframework.stereotype.Component;

/** The on-call module's feeds: a rota's schedule, and a person's own shifts on every rota. */
@Component
class OnCallFeeds implements FeedPaths {

    static final String ROTA = "/api/v1/rotas/{rota}/calendar.ics";
    static final String PERSON = "/api/v1/users/{username}/on-call.ics";

    @Override
    public List<Feed> feeds() {
        return List.of(new Feed(ROTA, "An on-call rota's schedule (put the rota's key for {rota})"),
            new Feed(PERSON, "Your on-call shifts on every rota"));
    }
}
