package org.estate.servicedesk.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.estate.platform.CsvOutput;
import org.estate.platform.ListView;
import org.estate.platform.PageResult;
import org.estate.platform.Paging;
import org.estate.platform.Sort;
import org.estate.servicedesk.CatalogueItem;
import org.estate.servicedesk.internal.CatalogueService;
import org.springframework.ui.Model;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The request catalogue as a list, for the desk's page and the portal's: the API list's order
 * ({@link CatalogueApiController#SORT}), a text filter on name, category and description, and the
 * CSV of exactly what the list shows.
 */
final class CatalogueList {

    private CatalogueList() {
    }

    /** Fills the model of {@code servicedesk/catalogue} for the list at {@code base}; {@code exportPath} null: no export offered. */
    static void model(CatalogueService catalogue, String base, String exportPath, String q, String sort, Integer page, Integer size,
                      Model model) {
        Sort order = ListPages.sort(CatalogueApiController.SORT, sort, model);
        String text = DeskPageController.blank(q);
        PageResult<CatalogueItem> result = CatalogueApiController.SORT.page(
            catalogue.list().stream().filter(i -> matches(i, text)).toList(), order, Paging.lenient(page, size));
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("q", text);
        ListView list = new ListView(base, ListView.filters(given), order, result);
        model.addAttribute("q", text);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("base", base);
        model.addAttribute("exportUrl", exportPath == null ? null : list.at(exportPath));
    }

    /** The items the list shows for {@code q} and {@code sort}, all of them, as CSV. */
    static void export(CatalogueService catalogue, String q, String sort, boolean excel, HttpServletResponse response) {
        Sort order = CatalogueApiController.SORT.parse(sort);
        String text = DeskPageController.blank(q);
        CsvOutput csv = CsvOutput.attachment(response, "catalogue.csv", excel);
        csv.row("key", "name", "category", "description", "approval_required", "team", "sla_policy");
        catalogue.list().stream().filter(i -> matches(i, text)).sorted(CatalogueApiController.SORT.comparator(order))
            .forEach(i -> csv.row(i.key(), i.name(), i.category(), i.description(), String.valueOf(i.approvalRequired()), i.team(),
                i.slaPolicy()));
        csv.flush();
    }

    private static boolean matches(CatalogueItem item, String text) {
        if (text == null) {
            return true;
        }
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return contains(item.name(), t) || contains(item.category(), t) || contains(item.description(), t);
    }

    private static boolean contains(String value, String lowerText) {
        return value != null && value.toLowerCase(java.util.Locale.ROOT).contains(lowerText);
    }
}
