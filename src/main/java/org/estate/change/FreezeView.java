package org.estate.change;

import java.time.Instant;
import java.util.List;

/**
 * A freeze period as the API shows it. {@code scope} is {@code "all"} or {@code {"cis":[ids]}}
 * (a business service in the scope covers everything it relies on); a {@code hard} freeze keeps
 * normal changes from being scheduled in it (emergency only), a soft one warns and a manager
 * confirms with a reason.
 */
public record FreezeView(long id, String name, Instant start, Instant end, Object scope, boolean hard, String reason,
                         String createdBy, Instant createdAt, long version) {
}
