package org.estate.platform;

/**
 * A link on the signed-in person's own account page ("My API tokens", {@code /account/tokens}) to a
 * page of theirs that another module owns (say their on-call contact methods). Modules contribute
 * links as beans, so the account page shows them without depending on those modules.
 *
 * @param order       where it stands among the links (lower first)
 * @param label       the link's text
 * @param href        a path inside Estate
 * @param description a sentence said after the link
 */
public record AccountPageLink(int order, String label, String href, String description) {
}
