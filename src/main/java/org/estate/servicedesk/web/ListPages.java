package org.estate.servicedesk.web;

import java.util.Map;

import org.estate.platform.ValidationException;
import org.springframework.ui.Model;

/** What the desk's list pages share: reading the order leniently, and the model of a list with no filters. */
final class ListPages {

    private ListPages() {
    }

    /** The order asked for, or the list's default with the error shown when it cannot be sorted so. */
    static <T> org.estate.platform.Sort sort(org.estate.platform.SortOptions<T> options, String sort, Model model) {
        try {
            return options.parse(sort);
        } catch (ValidationException e) {
            model.addAttribute("errors", Map.of("sort", e.errors().getFirst().message()));
            return options.parse(null);
        }
    }

    /** The model of a list page with no filters: its rows and its list controls. */
    static org.estate.platform.ListView model(Model model, String path, org.estate.platform.Sort order,
                                             org.estate.platform.PageResult<?> result) {
        var list = new org.estate.platform.ListView(path, new org.springframework.util.LinkedMultiValueMap<>(), order, result);
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        return list;
    }
}
