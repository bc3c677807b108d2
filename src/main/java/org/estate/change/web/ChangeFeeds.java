package org.estate.change.web;

import java.util.List;

import org.estate.platform.FeedPaths;
import org.springframework.stereotype.Component;

/** The change module's feeds: the change calendar for Outlook and other calendar programs. */
@Component
class ChangeFeeds implements FeedPaths {

    @Override
    public List<Feed> feeds() {
        return List.of(new Feed(ChangeCalendarApiController.FEED_PATH, "Change calendar (changes, freezes and maintenance windows)"));
    }
}
