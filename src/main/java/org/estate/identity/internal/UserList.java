package org.estate.identity.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.estate.identity.UserView;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.SortOptions;
import org.estate.platform.SqlDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The user list of the API and the admin page: filtered by text, sorted, paged. */
@Component
public class UserList {

    /** The sortable columns of the user list. */
    public static final SortOptions<UserView> SORT = SortOptions.<UserView>by("username")
        .text("username", "username", UserView::username)
        .text("displayName", "display_name", UserView::displayName)
        .text("email", "email", UserView::email)
        .value("lastLogin", "last_login_at", UserView::lastLoginAt)
        .value("created", "created_at", UserView::createdAt)
        .tieBreaker("id", UserView::id);

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final LoginThrottle throttle;
    private final SqlDialect dialect;

    UserList(UserRepository users, JdbcClient jdbc, LoginThrottle throttle, SqlDialect dialect) {
        this.users = users;
        this.jdbc = jdbc;
        this.throttle = throttle;
        this.dialect = dialect;
    }

    /** Users whose username, display name or email contains {@code q}, in {@code sort}'s order (null: by username). */
    @Transactional(readOnly = true)
    public PageResult<UserView> list(String q, Sort sort, Paging paging) {
        boolean filtered = q != null && !q.isBlank();
        String where = filtered ? " WHERE username ILIKE :q OR display_name ILIKE :q OR email ILIKE :q" : "";
        String like = filtered ? "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : null;
        var count = jdbc.sql("SELECT count(*) FROM app_user" + where);
        var select = jdbc.sql("SELECT id FROM app_user" + where + SORT.orderBy(sort == null ? SORT.parse(null) : sort, dialect)
            + " LIMIT :limit OFFSET :offset");
        if (filtered) {
            count = count.param("q", like);
            select = select.param("q", like);
        }
        long total = count.query(Long.class).single();
        List<Long> ids = select.param("limit", paging.size()).param("offset", paging.offset()).query(Long.class).list();
        Map<Long, UserEntity> byId = new LinkedHashMap<>();
        users.findAllById(ids).forEach(u -> byId.put(u.id, u));
        Set<String> throttled = throttle.throttled(byId.values().stream().map(u -> u.username).toList());
        List<UserView> items = ids.stream().map(byId::get).filter(Objects::nonNull)
            .map(u -> u.toView(throttled.contains(u.username))).toList();
        return new PageResult<>(items, paging.page(), paging.size(), total);
    }
}
