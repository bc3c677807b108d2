package org.estate.platform;

import java.util.List;

/**
 * The read-only feeds a module offers (the change calendar's iCalendar feed, later on-call rotas and
 * the status page): exact paths under {@code /api/}, each answered to a GET carrying
 * {@code ?feed=<token>} and to nothing else. Security lets a feed token in on these paths only, and
 * asks for one there; the feed-token page lists them so that people can copy a subscription address.
 */
public interface FeedPaths {

    /** The authority a request authenticated by a feed token carries, besides its owner's roles. */
    String FEED_AUTHORITY = "FEED_TOKEN";

    List<Feed> feeds();

    /**
     * A feed: its path (no query) and what it holds, for people choosing one. A path may name a
     * part in braces ({@code /api/v1/rotas/{rota}/calendar.ics}): every path of that shape is the feed.
     */
    record Feed(String path, String title) {
    }
}
