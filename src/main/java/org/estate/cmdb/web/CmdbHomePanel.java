package org.estate.cmdb.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.CiClass;
import org.estate.cmdb.Cmdb;
import org.estate.platform.HomePanel;
import org.springframework.stereotype.Component;

/** The CMDB's figures on the home page: how many CIs of each class. */
@Component
class CmdbHomePanel implements HomePanel {

    private final Cmdb cmdb;

    CmdbHomePanel(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String title() {
        return "Configuration items";
    }

    @Override
    public String description() {
        return "The record of the estate and its dependency graph.";
    }

    @Override
    public String href() {
        return "/cmdb/cis";
    }

    @Override
    public List<Figure> figures() {
        Map<String, Long> counts = cmdb.countsByClass();
        List<Figure> figures = new ArrayList<>();
        for (CiClass c : cmdb.classes()) {
            long n = counts.getOrDefault(c.key(), 0L);
            if (n > 0) {
                figures.add(new Figure(c.label(), String.valueOf(n), "/cmdb/cis?class=" + c.key()));
            }
        }
        if (figures.isEmpty()) {
            figures.add(new Figure("Nothing recorded yet", "Import a CSV", "/cmdb/import"));
        }
        return figures;
    }
}
