package org.estate.oncall.internal;

import org.estate.notify.Notifier;
import org.estate.servicedesk.PagingTargets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Answers the desk which escalation policies and channels a team may name. */
@Component
class TeamPagingTargets implements PagingTargets {

    private final ObjectProvider<EscalationPolicyService> policies;
    private final ObjectProvider<Notifier> notifier;

    TeamPagingTargets(ObjectProvider<EscalationPolicyService> policies, ObjectProvider<Notifier> notifier) {
        this.policies = policies;
        this.notifier = notifier;
    }

    @Override
    public boolean policyExists(String key) {
        return policies.getObject().find(key).isPresent();
    }

    @Override
    public boolean channelExists(String key) {
        Notifier n = notifier.getIfAvailable();
        return n != null && n.channelExists(key);
    }
}
