package org.estate.cmdb;

import java.util.List;

/**
 * A panel on a CI's page contributed by a module above the CMDB (the service desk's tickets on the
 * CI), so the CMDB shows their work without depending on them or reading their tables.
 */
public interface CiPagePanel {

    /** One line of a section: text linking to {@code href}, a short {@code tag} (a status) and a {@code detail}. */
    record Entry(String text, String href, String tag, String detail) {
    }

    /** A titled list, and what to say when it is empty. */
    record Section(String heading, List<Entry> entries, String empty) {
    }

    /** A panel as the page shows it: its id (for the heading's anchor), title and sections. */
    record Shown(String id, String title, List<Section> sections) {
    }

    int order();

    /** The panel for this CI (which exists). */
    Shown forCi(long ciId);
}
