package org.estate.identity.web;

import org.estate.platform.SortOptions;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.estate.identity.CreatedToken;
import org.estate.identity.NewUser;
import org.estate.identity.TokenView;
import org.estate.identity.UserChanges;
import org.estate.identity.UserView;
import org.estate.identity.Users;
import org.estate.platform.Etags;
import org.estate.platform.NotFoundException;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users and API tokens")
class UserApiController {

    private final Users users;
    private final org.estate.identity.internal.UserList userList;

    UserApiController(Users users, org.estate.identity.internal.UserList userList) {
        this.users = users;
        this.userList = userList;
    }

    @PostMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a user (admin only)")
    ResponseEntity<UserView> create(@RequestBody NewUser request) {
        UserView user = users.create(request);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.username()))
            .eTag(Etags.of(user.version())).body(user);
    }

    /**
     * List users (admin only), sorted and paged.
     *
     * @param q    text in the username, display name or email
     * @param sort username, displayName, email, lastLogin or created ({@code -} for descending)
     * @param page the page, from 0
     * @param size users per page (default 50, at most 500)
     */
    @GetMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "List users (admin only)")
    PageResult<UserView> listUsers(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return userList.list(q, org.estate.identity.internal.UserList.SORT.parse(sort), Paging.of(page, size));
    }

    @GetMapping("/users/{username}")
    @PreAuthorize("hasRole('ADMIN') or #username == authentication.name")
    @Operation(summary = "One user (admin, or the user themself)")
    ResponseEntity<UserView> get(@PathVariable String username) {
        UserView user = users.find(username).orElseThrow(() -> new NotFoundException("No user named " + username));
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @PatchMapping("/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change a user's name, email, roles, enabled flag or password (admin only; If-Match required)")
    ResponseEntity<UserView> update(@PathVariable String username, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @RequestBody UserChanges changes) {
        UserView user = users.update(username, Etags.versionFrom(ifMatch), changes);
        return ResponseEntity.ok().eTag(Etags.of(user.version())).body(user);
    }

    @PostMapping("/users/{username}/unlock")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Clear a lockout after too many wrong passwords (admin only)")
    UserView unlock(@PathVariable String username) {
        return users.unlock(username);
    }

    /** {@code {"current","new"}}; the longer names {@code currentPassword} and {@code newPassword} are read too. */
    record PasswordChange(@JsonAlias("current") String currentPassword, @JsonAlias("new") String newPassword) {
    }

    /**
     * Change your own password, giving the current one; your browser sessions end.
     * 204 when changed; 422 for a wrong current password or a new one that is too short, too long or
     * common; 409 for a user of the council's directory, whose password is the directory's.
     *
     * @param request the current password and the new one
     */
    @PostMapping("/account/password")
    @PreAuthorize("isAuthenticated()")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change your own password, giving the current one; your browser sessions end")
    void changePassword(@RequestBody PasswordChange request, Authentication auth) {
        users.changeOwnPassword(auth.getName(), request.currentPassword(), request.newPassword());
    }

    record TokenRequest(String name, Instant expiresAt) {
    }

    @PostMapping("/tokens")
    @PreAuthorize("isAuthenticated()")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API token for yourself; the token is in this answer only")
    CreatedToken createToken(@RequestBody TokenRequest request, Authentication auth) {
        return users.createToken(auth.getName(), request.name(), request.expiresAt());
    }

    static final SortOptions<TokenView> TOKEN_SORT = SortOptions.<TokenView>by("name")
        .text("name", "name", TokenView::name).value("created", "created_at", TokenView::createdAt)
        .value("expires", "expires_at", TokenView::expiresAt).value("lastUsed", "last_used_at", TokenView::lastUsedAt)
        .tieBreaker("id", TokenView::id);

    /**
     * Your API tokens (names and prefixes, never the tokens), in the paging envelope.
     *
     * @param sort name, created, expires or lastUsed ({@code -} for descending)
     * @param page the page, from 0
     * @param size tokens per page (default 50, at most 500)
     */
    @GetMapping("/tokens")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Your API tokens (names and prefixes, never the tokens)")
    PageResult<TokenView> listTokens(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size, Authentication auth) {
        return TOKEN_SORT.page(users.tokens(auth.getName()), TOKEN_SORT.parse(sort), Paging.of(page, size));
    }

    @DeleteMapping("/tokens/{id}")
    @PreAuthorize("isAuthenticated()")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token of yours (admins: anyone's); it stops working at once")
    void revoke(@PathVariable long id, Authentication auth) {
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        users.revokeToken(auth.getName(), id, admin);
    }
}
