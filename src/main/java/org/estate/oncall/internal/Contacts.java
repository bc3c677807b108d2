package org.estate.oncall.internal;

import java.util.List;

/**
 * How to reach a person for a page: their contact methods as their rules order them. Implemented by
 * the contact-methods service; used by paging.
 */
public interface Contacts {

    /** One message to send: a method type (email, sms, teams, slack), its address (E.164 for sms, a webhook URL for teams/slack), and after how long. */
    record Contact(String type, String address, int delayMinutes) {
    }

    /**
     * What to send {@code username} for a page of {@code urgency} ({@code high} or {@code low}): each rule
     * for that urgency applied to every method of the rule's type. A user with no methods is emailed at
     * their account address at once; a user with methods but no rules for the urgency gets every method
     * at once (high) or every email method at once (low). Low urgency never answers anything but email.
     * Empty for an unknown or disabled user.
     */
    List<Contact> plan(String username, String urgency);
}
