package org.estate.servicedesk;

/**
 * What a team may name for its pages, answered by the on-call module above the desk (so that the
 * desk never depends on it): escalation policies and notification channels that exist.
 */
public interface PagingTargets {

    boolean policyExists(String key);

    boolean channelExists(String key);
}
