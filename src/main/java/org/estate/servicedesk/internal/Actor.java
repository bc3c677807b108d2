package org.estate.servicedesk.internal;

/**
 * Who is acting on the service desk: desk staff (viewer and up) see every ticket and work note;
 * a requester (council staff) sees only their own tickets and the customer-visible updates.
 */
public record Actor(String username, boolean staff, boolean engineer, boolean manager) {

    public boolean requesterOnly() {
        return !staff;
    }
}
