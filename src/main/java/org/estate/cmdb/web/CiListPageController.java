package org.estate.cmdb.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.Ci;
import org.estate.cmdb.CiClass;
import org.estate.cmdb.CiFilter;
import org.estate.cmdb.Cmdb;
import org.estate.platform.ListView;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The CI list page: the API list's filters, order and paging in the address, attribute columns of
 * the user's choosing ({@code columns=hostname,ipAddress}), and the export of exactly what it shows.
 */
@Controller
class CiListPageController {

    private final Cmdb cmdb;

    CiListPageController(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    @GetMapping("/cmdb/cis")
    @PreAuthorize("hasRole('VIEWER')")
    String ciListPage(@RequestParam(name = "class", required = false) List<String> ciClass,
                      @RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> criticality,
                      @RequestParam(required = false) String tag, @RequestParam(required = false) String q,
                      @RequestParam(required = false) String sort, @RequestParam(required = false) List<String> columns,
                      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        CiFilter filter = CmdbApiController.filter(ciClass, status, criticality, tag, q);
        Map<String, String> errors = new LinkedHashMap<>();
        List<CiClass> classes = cmdb.classes();
        Map<String, String> choosable = attributeColumns(classes, filter.ciClass());
        List<String> chosen = new ArrayList<>();
        for (String c : columns == null ? List.<String>of() : columns) {
            for (String key : c.split(",")) {
                if (key.isBlank()) {
                    continue;
                }
                if (choosable.containsKey(key.trim())) {
                    chosen.add(key.trim());
                } else {
                    errors.putIfAbsent("columns", "There is no attribute '" + key.trim() + "' to show: choose from the list");
                }
            }
        }
        Paging paging = Paging.of(page == null ? 0 : Math.max(0, page), size == null ? Paging.DEFAULT_SIZE : Math.max(1, size));
        Sort order = null;
        PageResult<Ci> result;
        try {
            order = cmdb.ciSort(sort);
            result = cmdb.search(filter, order, paging);
        } catch (ValidationException e) {
            e.errors().forEach(f -> errors.put(f.field(), f.message()));
            result = new PageResult<>(List.of(), 0, paging.size(), 0);
        }
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("class", ciClass);
        given.put("status", status);
        given.put("criticality", criticality);
        given.put("tag", tag);
        given.put("q", q);
        given.put("columns", chosen.isEmpty() ? null : String.join(",", chosen));
        ListView list = new ListView("/cmdb/cis", ListView.filters(given), order, result);
        model.addAttribute("filter", filter);
        model.addAttribute("list", list);
        model.addAttribute("result", result);
        model.addAttribute("errors", errors);
        model.addAttribute("classes", classes);
        Map<String, String> classLabels = new LinkedHashMap<>();
        classes.forEach(c -> classLabels.put(c.key(), c.label()));
        model.addAttribute("classLabels", classLabels);
        model.addAttribute("choosable", choosable);
        model.addAttribute("chosen", chosen);
        model.addAttribute("pageBase", list.pageBase());
        // The export carries every filter and the order of the list: it downloads exactly what the list shows.
        model.addAttribute("exportUrl", list.at("/cmdb/cis/export.csv"));
        return "cmdb/ci/list";
    }

    /** The attributes that can be shown as columns: those of the class filtered on, else of every class. */
    private static Map<String, String> attributeColumns(List<CiClass> classes, String classFilter) {
        List<String> keys = classFilter == null ? List.of() : List.of(classFilter.split(","));
        Map<String, String> columns = new LinkedHashMap<>();
        for (CiClass c : classes) {
            if (keys.isEmpty() || keys.contains(c.key())) {
                for (AttributeDefinition a : c.attributes()) {
                    columns.putIfAbsent(a.key(), a.label());
                }
            }
        }
        return columns;
    }
}
