package org.estate.servicedesk.internal;

import org.estate.platform.CsvFile;
import org.springframework.stereotype.Service;

/** The entry point of the historical incident import, for the web layer. */
@Service
public class IncidentImports {

    private final IncidentImporter importer;

    IncidentImports(IncidentImporter importer) {
        this.importer = importer;
    }

    /** Imports the CSV all or nothing; returns how many incidents were created. */
    public int importIncidents(CsvFile csv) {
        return importer.importCsv(csv);
    }

    /** What {@link #importIncidents} would create, writing nothing. */
    public org.estate.platform.ImportCheck checkIncidents(CsvFile csv) {
        return importer.check(csv);
    }
}
