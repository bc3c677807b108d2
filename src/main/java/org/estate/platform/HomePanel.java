package org.estate.platform;

import java.util.List;

/**
 * A panel on the home page. Modules contribute panels as beans, so the platform shows their
 * figures without depending on them.
 */
public interface HomePanel {

    /** A figure on a panel: a label, a number and where it links. */
    record Figure(String label, String value, String href) {
    }

    int order();

    String title();

    String description();

    String href();

    List<Figure> figures();
}
