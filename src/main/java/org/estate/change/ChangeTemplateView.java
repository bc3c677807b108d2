package org.estate.change;

import java.util.List;

/**
 * A standard change template: changes made from it are scheduled at once, without approval, when
 * their CIs are of {@code ciClasses} and their window is at most {@code maxDurationMinutes}.
 * {@code suspended} after a failed change from it, until a manager reinstates it.
 */
public record ChangeTemplateView(String key, String name, String description, String implementationPlan, String backoutPlan,
                                 String testPlan, List<String> ciClasses, int maxDurationMinutes, boolean suspended,
                                 String suspendedReason, long version) {
}
