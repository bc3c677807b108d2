package org.estate.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser session of the user making this request. A change to a user's status, roles or
 * password ends all their sessions; after changing their own password a user keeps this one.
 */
public interface SignedInSession {

    /** Re-reads the signed-in account into this session (with a new session id), so it outlives the change just made. */
    void keep(HttpServletRequest request, HttpServletResponse response);
}
